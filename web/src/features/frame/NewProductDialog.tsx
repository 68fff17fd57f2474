import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { productsApi } from '../../api/products';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';

/** Suggests a key from the name: "Mobile app" → "MA", "Payments" → "PAY". */
function suggestKey(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const key = words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? '').slice(0, 3);
  return /^[A-Z]/.test(key) ? key.slice(0, 10) : '';
}

export function NewProductDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: productsApi.create,
    onSuccess: async (product) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.me }), queryClient.invalidateQueries({ queryKey: keys.products })]);
      close();
      navigate(`/p/${product.key}/backlog`);
    },
  });
  const fields = isApiError(create.error) ? create.error.fields : {};
  const close = () => {
    setName('');
    setKey('');
    setKeyTouched(false);
    create.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ key, name });
  };
  return (
    <Dialog open={open} onClose={close} title="New product">
      <form className="stack" onSubmit={submit} noValidate>
        {create.error && Object.keys(fields).length === 0 && (
          <div className="form-error" role="alert">
            {create.error.message}
          </div>
        )}
        <Field
          label="Name"
          autoFocus
          value={name}
          placeholder="Payments"
          onChange={(e) => {
            setName(e.target.value);
            if (!keyTouched) setKey(suggestKey(e.target.value));
          }}
          error={fields.name}
        />
        <Field
          label="Key"
          value={key}
          placeholder="PAY"
          className="field-key"
          maxLength={10}
          onChange={(e) => {
            setKeyTouched(true);
            setKey(e.target.value.toUpperCase());
          }}
          error={fields.key}
          hint="Starts every item's key, like PAY-123. 2–10 capital letters or digits."
        />
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create product
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

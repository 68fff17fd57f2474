import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { TRelease } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';

interface ReleaseDialogProps {
  open: boolean;
  onClose: () => void;
  productKey: string;
  /** the release to edit; a new one when absent */
  release?: TRelease;
}

/** New release (name, target date, what it is for), or changes to one. */
export function ReleaseDialog({ open, onClose, productKey, release }: ReleaseDialogProps) {
  const [form, setForm] = useState({ name: '', targetDate: '', description: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const descriptionId = useId();

  useEffect(() => {
    if (!open) return;
    setForm(
      release
        ? { name: release.name, targetDate: release.targetDate ?? '', description: release.description }
        : { name: '', targetDate: '', description: '' },
    );
    // Filled once per opening; a refresh behind the dialog must not overwrite what the user typed.
  }, [open]);

  const save = useMutation({
    mutationFn: () => {
      const input = { name: form.name, targetDate: form.targetDate || null, description: form.description };
      return release
        ? deliveryApi.updateRelease(release.id, { ...input, version: release.version })
        : deliveryApi.createRelease(productKey, input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
      close();
      if (!release) navigate(`/p/${productKey}/releases/${saved.id}`);
    },
  });
  const fields = isApiError(save.error) ? save.error.fields : {};
  const conflict = isApiError(save.error) && save.error.status === 409;
  const close = () => {
    save.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Dialog open={open} onClose={close} title={release ? `Edit ${release.name}` : 'New release'} width={480}>
      <form className="stack" onSubmit={submit} noValidate>
        {save.error && Object.keys(fields).length === 0 && (
          <div className="form-error" role="alert">
            {conflict
              ? 'Someone changed this release while you were editing. Close this and open it again to see their change.'
              : save.error.message}
          </div>
        )}
        <Field
          label="Name"
          autoFocus
          value={form.name}
          placeholder="2.0 — Wallets"
          onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          error={fields.name}
        />
        <Field
          label="Target date"
          type="date"
          value={form.targetDate}
          onChange={(e) => setForm((f) => ({ ...f, targetDate: e.target.value }))}
          error={fields.targetDate}
          hint="The date promised. The forecast says how likely it is."
        />
        <div className="field">
          <label htmlFor={descriptionId}>What it delivers</label>
          <textarea
            id={descriptionId}
            className="input"
            rows={3}
            value={form.description}
            onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
            aria-invalid={!!fields.description || undefined}
          />
          {fields.description && <span className="field-error">{fields.description}</span>}
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {release ? 'Save' : 'Create release'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage, isApiError } from '../../api/client';
import { productsApi } from '../../api/products';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useProductChange } from './useProductChange';

export function ProductSection({ product }: { product: TProductDetail }) {
  const [name, setName] = useState(product.name);
  const [vision, setVision] = useState(product.vision);
  const editable = can(product.role, 'product.update');
  const save = useProductChange(
    product.key,
    (v: { name: string; vision: string }) => productsApi.update(product.key, { ...v, version: product.version }),
    {
      success: 'Saved',
      inline: true,
    },
  );
  const fields = isApiError(save.error) ? save.error.fields : {};
  const formError =
    save.error && !fields.name && !fields.vision && !(isApiError(save.error) && save.error.status === 409)
      ? errorMessage(save.error)
      : null;

  // Someone else's saved change shows up, unless this person is midway through editing that field.
  const shown = useRef(product);
  useEffect(() => {
    const before = shown.current;
    shown.current = product;
    setName((n) => (n === before.name ? product.name : n));
    setVision((v) => (v === before.vision ? product.vision : v));
  }, [product]);

  const dirty = name !== product.name || vision !== product.vision;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name, vision });
  };

  return (
    <section className="settings-section" aria-labelledby="product-heading">
      <header>
        <h2 id="product-heading">Product</h2>
        <p className="muted">The name everyone sees, and the vision that keeps the backlog honest.</p>
      </header>
      <form className="stack settings-form" onSubmit={submit}>
        {formError && (
          <div className="form-error" role="alert">
            {formError}
          </div>
        )}
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} readOnly={!editable} error={fields.name} />
        <div className="field">
          <label htmlFor="vision">Vision</label>
          <textarea
            id="vision"
            className="input"
            rows={3}
            value={vision}
            readOnly={!editable}
            placeholder={editable ? 'For whom, what problem, why this product wins' : 'No vision written yet'}
            onChange={(e) => setVision(e.target.value)}
          />
          {fields.vision && <span className="field-error">{fields.vision}</span>}
        </div>
        {editable && (
          <div className="row">
            <Button type="submit" variant="primary" disabled={!dirty || !name.trim()} busy={save.isPending}>
              Save
            </Button>
            {dirty && (
              <Button
                variant="ghost"
                onClick={() => {
                  setName(product.name);
                  setVision(product.vision);
                }}
              >
                Discard
              </Button>
            )}
          </div>
        )}
      </form>
    </section>
  );
}

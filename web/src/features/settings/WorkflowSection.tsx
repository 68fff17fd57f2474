import { useState, type FormEvent } from 'react';
import type { TProductDetail, TWorkflowState } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { STATE_CATEGORIES, type StateCategory } from '@ordo/domain/workflow';
import { errorMessage, isApiError } from '../../api/client';
import { productsApi, type TCreateState, type TUpdateState } from '../../api/products';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { CATEGORY_LABELS } from '../../ui/StateBadge';
import { StateRow } from './StateRow';
import { useProductChange } from './useProductChange';

export function WorkflowSection({ product }: { product: TProductDetail }) {
  const editable = can(product.role, 'workflow.manage');
  const states = [...product.states].sort((a, b) => a.position - b.position);
  const update = useProductChange(product.key, ({ id, change }: { id: number; change: TUpdateState }) =>
    productsApi.updateState(product.key, id, change),
  );
  const create = useProductChange(product.key, (v: TCreateState) => productsApi.createState(product.key, v), { inline: true });
  const remove = useProductChange(
    product.key,
    ({ id, moveTo }: { id: number; moveTo?: number }) => productsApi.deleteState(product.key, id, moveTo),
    {
      success: 'State deleted',
    },
  );
  const [name, setName] = useState('');
  const [category, setCategory] = useState<StateCategory>('in_progress');
  const [deleting, setDeleting] = useState<TWorkflowState | null>(null);
  const [moveTo, setMoveTo] = useState<number | undefined>(undefined);
  const fields = isApiError(create.error) ? create.error.fields : {};

  const add = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), category }, { onSuccess: () => setName('') });
  };

  const askDelete = (s: TWorkflowState) => {
    setDeleting(s);
    setMoveTo(states.find((o) => o.id !== s.id)?.id);
  };

  return (
    <section className="settings-section" aria-labelledby="workflow-heading">
      <header>
        <h2 id="workflow-heading">Workflow</h2>
        <p className="muted">
          The board's columns, left to right. A WIP limit caps a column; entry rules form the Definition of Ready and Done. Moves that break
          them are refused with the reason, and only owners can override.
        </p>
      </header>
      <ol className="state-list">
        {states.map((s, i) => (
          <StateRow
            key={s.id}
            state={s}
            index={i}
            count={states.length}
            editable={editable}
            onChange={(change) => update.mutate({ id: s.id, change })}
            onDelete={() => askDelete(s)}
          />
        ))}
      </ol>
      {editable && (
        <form className="state-add" onSubmit={add} noValidate>
          <Field
            label="New state"
            placeholder="e.g. Testing"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fields.name ?? (create.error && !fields.category ? errorMessage(create.error) : undefined)}
          />
          <div className="field">
            <label htmlFor="new-state-category">Category</label>
            <select
              id="new-state-category"
              className="select"
              value={category}
              onChange={(e) => setCategory(e.target.value as StateCategory)}
            >
              {STATE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={!name.trim()} busy={create.isPending}>
            Add state
          </Button>
        </form>
      )}
      <Dialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title={`Delete “${deleting?.name ?? ''}”?`}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => deleting && remove.mutate({ id: deleting.id, moveTo }, { onSuccess: () => setDeleting(null) })}
            >
              Delete state
            </Button>
          </>
        }
      >
        <div className="field">
          <label htmlFor="move-to">Items in it move to</label>
          <select id="move-to" className="select" value={moveTo} onChange={(e) => setMoveTo(Number(e.target.value))}>
            {states
              .filter((s) => s.id !== deleting?.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </div>
      </Dialog>
    </section>
  );
}

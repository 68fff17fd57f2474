import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { TSprint } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { addDays, todayIso } from '@ordo/domain/dates';

const SPRINT_DAYS = 14;

/** The next sprint's name and dates: after the latest one, two weeks long. */
export function suggestSprint(sprints: TSprint[]): { name: string; startDate: string; endDate: string } {
  const numbers = sprints.map((s) => Number(/(\d+)\s*$/.exec(s.name)?.[1] ?? 0));
  const lastEnd = sprints
    .map((s) => s.endDate)
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  const today = todayIso(Date.now());
  const startDate = lastEnd && lastEnd >= today ? addDays(lastEnd, 1) : today;
  return { name: `Sprint ${Math.max(0, ...numbers) + 1}`, startDate, endDate: addDays(startDate, SPRINT_DAYS - 1) };
}

interface SprintDialogProps {
  open: boolean;
  onClose: () => void;
  productKey: string;
  /** the sprint to edit; a new one when absent */
  sprint?: TSprint;
  /** the product's sprints, for a new sprint's suggested name and dates */
  sprints?: TSprint[];
}

/** New sprint (name, goal, dates), or changes to one; the server's message shows beside the field it is about. */
export function SprintDialog({ open, onClose, productKey, sprint, sprints = [] }: SprintDialogProps) {
  const [form, setForm] = useState({ name: '', goal: '', startDate: '', endDate: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const goalId = useId();

  useEffect(() => {
    if (!open) return;
    if (sprint) setForm({ name: sprint.name, goal: sprint.goal, startDate: sprint.startDate ?? '', endDate: sprint.endDate ?? '' });
    else setForm({ goal: '', ...suggestSprint(sprints) });
    // Filled once per opening; later list refreshes must not overwrite what the user typed.
  }, [open]);

  const save = useMutation({
    mutationFn: () => {
      const input = { name: form.name, goal: form.goal, startDate: form.startDate || null, endDate: form.endDate || null };
      return sprint
        ? deliveryApi.updateSprint(sprint.id, { ...input, version: sprint.version })
        : deliveryApi.createSprint(productKey, input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
      close();
      if (!sprint) navigate(`/p/${productKey}/sprints/${saved.id}`);
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
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  return (
    <Dialog open={open} onClose={close} title={sprint ? `Edit ${sprint.name}` : 'New sprint'} width={480}>
      <form className="stack" onSubmit={submit} noValidate>
        {save.error && Object.keys(fields).length === 0 && (
          <div className="form-error" role="alert">
            {conflict
              ? 'Someone changed this sprint while you were editing. Close this and open it again to see their change.'
              : save.error.message}
          </div>
        )}
        <Field label="Name" autoFocus value={form.name} onChange={(e) => set('name')(e.target.value)} error={fields.name} />
        <div className="field">
          <label htmlFor={goalId}>Goal</label>
          <textarea
            id={goalId}
            className="input"
            rows={3}
            value={form.goal}
            placeholder="What this sprint is for, in one sentence the team can check its work against"
            onChange={(e) => set('goal')(e.target.value)}
            aria-invalid={!!fields.goal || undefined}
          />
          {fields.goal && <span className="field-error">{fields.goal}</span>}
        </div>
        <div className="dialog-row">
          <Field
            label="Starts"
            type="date"
            value={form.startDate}
            onChange={(e) => set('startDate')(e.target.value)}
            error={fields.startDate}
          />
          <Field
            label="Ends"
            type="date"
            value={form.endDate}
            min={form.startDate || undefined}
            onChange={(e) => set('endDate')(e.target.value)}
            error={fields.endDate}
          />
        </div>
        <div className="dialog-footer">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {sprint ? 'Save' : 'Create sprint'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

import type { TSprint } from '@ordo/contract';
import { addDays, todayIso } from '@ordo/domain/dates';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Field, TextAreaField } from '../../ui/Field';
import { FormDialog, useFormDialog } from '../../ui/FormDialog';

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
  const dialog = useFormDialog({
    open,
    onClose,
    initial: () =>
      sprint
        ? { name: sprint.name, goal: sprint.goal, startDate: sprint.startDate ?? '', endDate: sprint.endDate ?? '' }
        : { goal: '', ...suggestSprint(sprints) },
    save: (form) => {
      const input = { name: form.name, goal: form.goal, startDate: form.startDate || null, endDate: form.endDate || null };
      return sprint
        ? deliveryApi.updateSprint(sprint.id, { ...input, version: sprint.version })
        : deliveryApi.createSprint(productKey, input);
    },
    invalidates: deliveryKeys.all(productKey),
    openCreated: sprint ? undefined : (saved) => `/p/${productKey}/sprints/${saved.id}`,
  });
  const { form, bind } = dialog;

  return (
    <FormDialog
      dialog={dialog}
      title={sprint ? `Edit ${sprint.name}` : 'New sprint'}
      thing="sprint"
      submitLabel={sprint ? 'Save' : 'Create sprint'}
    >
      <Field label="Name" autoFocus {...bind('name')} />
      <TextAreaField
        label="Goal"
        rows={3}
        {...bind('goal')}
        placeholder="What this sprint is for, in one sentence the team can check its work against"
      />
      <div className="dialog-row">
        <Field label="Starts" type="date" {...bind('startDate')} />
        <Field label="Ends" type="date" {...bind('endDate')} min={form.startDate || undefined} />
      </div>
    </FormDialog>
  );
}

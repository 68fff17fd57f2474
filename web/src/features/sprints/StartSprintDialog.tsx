import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { TSprint } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { addDays, todayIso } from '@ordo/domain/dates';
import { longDay } from '../../ui/time';

const SPRINT_DAYS = 14;

/**
 * The dates a sprint starts with: today when it starts before its planned day (its burndown
 * begins when the work does), its planned days otherwise.
 */
function startingDates(sprint: TSprint): { startDate: string; endDate: string } {
  const now = todayIso(Date.now());
  const startDate = sprint.startDate && sprint.startDate <= now ? sprint.startDate : now;
  const endDate = sprint.endDate && sprint.endDate >= startDate ? sprint.endDate : addDays(startDate, SPRINT_DAYS - 1);
  return { startDate, endDate };
}

interface StartSprintDialogProps {
  open: boolean;
  onClose: () => void;
  productKey: string;
  sprint: TSprint;
  /** the sprint already running, to point at when the start is refused */
  active: TSprint | undefined;
}

/** Starting a planned sprint: its dates confirmed, and the reason in words when it cannot start. */
export function StartSprintDialog({ open, onClose, productKey, sprint, active }: StartSprintDialogProps) {
  const [dates, setDates] = useState(() => startingDates(sprint));
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (open) setDates(startingDates(sprint));
  }, [open]);

  const start = useMutation({
    mutationFn: () => deliveryApi.startSprint(sprint.id, dates),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
      toast(`${s.name} started; it ends ${s.endDate ? longDay(s.endDate) : 'when you close it'}.`, { kind: 'success' });
      dismiss();
    },
  });
  const fields = isApiError(start.error) ? start.error.fields : {};
  const refused = isApiError(start.error) && start.error.status === 422;
  const dismiss = () => {
    start.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };

  return (
    <Dialog open={open} onClose={dismiss} title={`Start ${sprint.name}`} width={460}>
      <form className="stack" onSubmit={submit} noValidate>
        {start.error && Object.keys(fields).length === 0 && (
          <div className="form-error" role="alert">
            {refused && <strong>Not started: </strong>}
            {start.error.message}
            {refused && active && (
              <>
                {' '}
                <Link className="link" to={`/p/${productKey}/sprints/${active.id}`} onClick={dismiss}>
                  Open {active.name} to close it
                </Link>
              </>
            )}
          </div>
        )}
        <p className="muted">{sprint.goal ? `Goal: ${sprint.goal}` : 'This sprint has no goal yet; you can add one later.'}</p>
        <div className="dialog-row">
          <Field
            label="Starts"
            type="date"
            value={dates.startDate}
            onChange={(e) => setDates((d) => ({ ...d, startDate: e.target.value }))}
            error={fields.startDate}
          />
          <Field
            label="Ends"
            type="date"
            value={dates.endDate}
            min={dates.startDate}
            onChange={(e) => setDates((d) => ({ ...d, endDate: e.target.value }))}
            error={fields.endDate}
          />
        </div>
        <div className="dialog-footer">
          <Button onClick={dismiss}>Cancel</Button>
          <Button type="submit" variant="primary" busy={start.isPending}>
            Start sprint
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TSprint, TSprintDetail } from '@ordo/contract';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';

interface CloseSprintDialogProps {
  open: boolean;
  onClose: () => void;
  productKey: string;
  sprint: TSprintDetail;
  /** the planned sprints unfinished work can move into, soonest first */
  planned: TSprint[];
}

/** Closing the active sprint: its velocity is recorded, and the owner says where unfinished work goes. */
export function CloseSprintDialog({ open, onClose, productKey, sprint, planned }: CloseSprintDialogProps) {
  const unfinished = sprint.scope.filter((i) => i.stateCategory !== 'done');
  const [where, setWhere] = useState<'backlog' | 'next'>('backlog');
  const [nextId, setNextId] = useState<number | undefined>(planned[0]?.id);
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (!open) return;
    setWhere(planned.length > 0 && unfinished.length > 0 ? 'next' : 'backlog');
    setNextId(planned[0]?.id);
  }, [open]);

  const close = useMutation({
    mutationFn: () =>
      deliveryApi.closeSprint(sprint.id, where === 'next' ? { unfinished: 'next', nextSprintId: nextId } : { unfinished: 'backlog' }),
    onSuccess: async (closed) => {
      await queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
      const next = planned.find((s) => s.id === nextId);
      const moved =
        unfinished.length === 0
          ? ''
          : where === 'next' && next
            ? `; ${unfinished.length} unfinished moved to ${next.name}`
            : `; ${unfinished.length} unfinished back in the backlog`;
      toast(`${closed.name} closed: ${closed.completedPoints ?? 0} points and ${closed.completedItems ?? 0} items finished${moved}.`, {
        kind: 'success',
      });
      onClose();
    },
  });
  const dismiss = () => {
    close.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={dismiss} title={`Close ${sprint.name}`} width={480}>
      <div className="stack">
        <p>
          {sprint.progress.items.done} of {sprint.progress.items.total} items are done ({sprint.progress.points.done} of{' '}
          {sprint.progress.points.total} points). What is done becomes the sprint's velocity.
        </p>
        {close.error && (
          <div className="form-error" role="alert">
            {close.error.message}
          </div>
        )}
        {unfinished.length === 0 ? (
          <p className="muted">Every item is done; nothing is left to move.</p>
        ) : (
          <fieldset className="choice-group">
            <legend>
              Where do the {unfinished.length} unfinished {unfinished.length === 1 ? 'item' : 'items'} go?
            </legend>
            <label className="choice">
              <input type="radio" name="unfinished" checked={where === 'backlog'} onChange={() => setWhere('backlog')} />
              <span>
                Back to the backlog
                <span className="faint"> — they keep their place in the order</span>
              </span>
            </label>
            <label className={`choice ${planned.length === 0 ? 'is-disabled' : ''}`}>
              <input
                type="radio"
                name="unfinished"
                checked={where === 'next'}
                disabled={planned.length === 0}
                onChange={() => setWhere('next')}
              />
              <span>
                Into the next sprint
                {planned.length === 0 && <span className="faint"> — plan a next sprint first</span>}
              </span>
            </label>
            {where === 'next' && planned.length > 1 && (
              <select
                className="select choice-select"
                aria-label="Next sprint"
                value={nextId}
                onChange={(e) => setNextId(Number(e.target.value))}
              >
                {planned.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
            {where === 'next' && planned.length === 1 && <p className="faint choice-select">They move into {planned[0]!.name}.</p>}
          </fieldset>
        )}
        <div className="dialog-footer">
          <Button onClick={dismiss}>Cancel</Button>
          <Button variant="primary" busy={close.isPending} onClick={() => close.mutate()}>
            Close sprint
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

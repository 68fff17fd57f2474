import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TSprintDetail } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage, isApiError } from '../../api/client';
import { deliveryApi, deliveryKeys, useDeliveryLive, useSprint, useSprints } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { dayRange, daysLeft, longDay } from '../../ui/time';
import { ChartSkeleton } from '../charts';
import { ProgressMeter, ScopeList, ScopePlanner } from '../planning';
import { BurndownChart } from './BurndownChart';
import { CloseSprintDialog } from './CloseSprintDialog';
import { RecordList } from './RecordList';
import { SprintDialog } from './SprintDialog';
import { SprintRecordSummary } from './SprintRecord';
import { SprintStateBadge } from './SprintStateBadge';
import { StartSprintDialog } from './StartSprintDialog';
import './sprints.css';
import { usePageTitle } from '../frame';

function SprintSkeleton() {
  return (
    <div className="delivery-page" aria-busy="true" aria-label="Loading the sprint">
      <Skeleton width={80} />
      <Skeleton width={240} height={24} />
      <Skeleton width="60%" height={28} style={{ marginTop: 12 }} />
      <ChartSkeleton height={240} />
    </div>
  );
}

/** When the sprint runs, in words: "14 – 27 Nov · 2 days left", "closed 19 Sep". */
function timing(s: TSprintDetail): string {
  const range = dayRange(s.startDate, s.endDate);
  if (s.state === 'active' && s.endDate) return `${range} · ${daysLeft(s.endDate)}`;
  if (s.state === 'closed' && s.closedAt) return `${range} · closed ${longDay(s.closedAt)}`;
  return range;
}

/**
 * A sprint: its goal first, then progress, the burndown, and its scope (planned from the backlog
 * while it is open). A closed sprint shows its record instead of what is left in it: what it
 * committed, took on and gave up, and what was done and what moved on.
 */
export function SprintView({ product, sprintId }: { product: TProductDetail; sprintId: number }) {
  const productKey = product.key;
  useDeliveryLive(productKey);
  const query = useSprint(productKey, sprintId);
  usePageTitle(query.data?.name ?? 'Sprint');
  const sprints = useSprints(productKey);
  const canManage = can(product.role, 'sprint.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<'edit' | 'start' | 'close' | 'delete' | null>(null);
  const [planning, setPlanning] = useState(false);

  const refreshAll = () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
  const remove = useMutation({
    mutationFn: () => deliveryApi.deleteSprint(sprintId),
    onSuccess: async () => {
      setDialog(null);
      await refreshAll();
      navigate(`/p/${productKey}/sprints`);
    },
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
  });

  if (query.isPending) return <SprintSkeleton />;
  if (query.isError) {
    return (
      <div className="delivery-page">
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          title={isApiError(query.error) && query.error.status === 404 ? 'This sprint does not exist' : undefined}
        />
        <p className="center error-back">
          <Link className="link" to={`/p/${productKey}/sprints`}>
            Back to the sprints
          </Link>
        </p>
      </div>
    );
  }

  const s = query.data;
  const others = sprints.data ?? [];
  const active = others.find((o) => o.state === 'active' && o.id !== s.id);
  const planned = others.filter((o) => o.state === 'planned' && o.id !== s.id);
  const open = s.state !== 'closed';
  const showPlanner = canManage && open && (s.state === 'planned' || planning);

  return (
    <div className="delivery-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to={`/p/${productKey}/sprints`}>Sprints</Link>
        <span aria-hidden="true">/</span>
      </nav>
      <header className="delivery-header">
        <div className="delivery-title">
          <div className="row">
            <h1>{s.name}</h1>
            <SprintStateBadge state={s.state} />
          </div>
          <p className="muted">{timing(s)}</p>
        </div>
        {canManage && (
          <div className="row delivery-actions">
            {open && <Button onClick={() => setDialog('edit')}>Edit</Button>}
            {s.state === 'planned' && (
              <>
                <Button variant="ghost" className="btn-danger" onClick={() => setDialog('delete')}>
                  Delete
                </Button>
                <Button variant="primary" onClick={() => setDialog('start')}>
                  Start sprint
                </Button>
              </>
            )}
            {s.state === 'active' && (
              <Button variant="primary" onClick={() => setDialog('close')}>
                Close sprint
              </Button>
            )}
          </div>
        )}
      </header>

      <section className="sprint-goal" aria-label="Sprint goal">
        <span className="eyebrow">Goal</span>
        {s.goal ? (
          <p className="goal-text" data-testid="sprint-goal">
            {s.goal}
          </p>
        ) : (
          <p className="goal-text is-empty">
            No goal yet.{' '}
            {canManage && open && (
              <button type="button" className="link-button" onClick={() => setDialog('edit')}>
                Set one
              </button>
            )}
          </p>
        )}
      </section>

      {(s.record ? s.progress.items.total > 0 : s.scope.length > 0) && <ProgressMeter progress={s.progress} />}
      {s.record && <SprintRecordSummary record={s.record} />}
      {s.state === 'closed' && s.completedPoints !== null && (
        <p className="muted">
          Finished {s.completedPoints} points and {s.completedItems} items: that is this sprint's velocity.
        </p>
      )}

      {s.state !== 'planned' && <BurndownChart sprint={s} />}

      {s.record ? (
        s.record.items.length === 0 ? (
          <p className="muted delivery-empty">This sprint had no items.</p>
        ) : (
          <>
            <RecordList
              title="Done"
              items={s.record.items.filter((i) => i.outcome === 'done')}
              productKey={productKey}
              testId="record-done-list"
            />
            <RecordList
              title={
                s.record.movedOn.to && s.record.movedOn.to !== 'backlog'
                  ? `Moved on to ${s.record.movedOn.to.name}`
                  : 'Moved on to the backlog'
              }
              items={s.record.items.filter((i) => i.outcome === 'moved_on')}
              productKey={productKey}
              testId="record-moved-on-list"
            />
            <RecordList
              title="Taken out during the sprint"
              items={s.record.items.filter((i) => i.outcome === 'removed')}
              productKey={productKey}
              testId="record-removed-list"
            />
          </>
        )
      ) : (
        <section className="delivery-section" aria-label="Scope">
          <header className="section-header">
            <h2>
              Scope <span className="faint">{s.scope.length}</span>
            </h2>
            {canManage && s.state === 'active' && (
              <Button size="sm" onClick={() => setPlanning((p) => !p)}>
                {planning ? 'Done planning' : 'Add from the backlog'}
              </Button>
            )}
          </header>
          {showPlanner ? (
            <ScopePlanner
              product={product}
              target={{ kind: 'sprint', id: s.id }}
              targetName={s.name}
              scope={s.scope}
              backlogNote="Open items in no sprint, in backlog order"
              emptyScope={
                <>
                  <strong>Drag items here</strong>, or select them on the left and press <em>Add to sprint</em>.
                </>
              }
            />
          ) : s.scope.length === 0 ? (
            <p className="muted delivery-empty">
              {open
                ? canManage
                  ? 'Nothing planned yet.'
                  : 'Nothing planned yet; the product owner plans the sprint from the backlog.'
                : 'This sprint had no items.'}
            </p>
          ) : (
            <ScopeList scope={s.scope} productKey={productKey} states={product.states} />
          )}
        </section>
      )}

      {canManage && (
        <>
          <SprintDialog open={dialog === 'edit'} onClose={() => setDialog(null)} productKey={productKey} sprint={s} />
          {s.state === 'planned' && (
            <StartSprintDialog
              open={dialog === 'start'}
              onClose={() => setDialog(null)}
              productKey={productKey}
              sprint={s}
              active={active}
            />
          )}
          {s.state === 'active' && (
            <CloseSprintDialog
              open={dialog === 'close'}
              onClose={() => setDialog(null)}
              productKey={productKey}
              sprint={s}
              planned={planned}
            />
          )}
          <Dialog
            open={dialog === 'delete'}
            onClose={() => setDialog(null)}
            title={`Delete ${s.name}?`}
            footer={
              <>
                <Button onClick={() => setDialog(null)}>Cancel</Button>
                <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                  Delete sprint
                </Button>
              </>
            }
          >
            <p>
              {s.scope.length > 0 ? `Its ${s.scope.length} items go back to the backlog, where they keep their order.` : 'It has no items.'}
            </p>
          </Dialog>
        </>
      )}
    </div>
  );
}

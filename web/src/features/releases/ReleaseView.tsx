import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage, isApiError } from '../../api/client';
import { deliveryApi, deliveryKeys, useDeliveryLive, useForecast, useRelease } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { ChartCard, ChartMessage, ChartSkeleton } from '../charts';
import { longDay } from '../../ui/time';
import { ProgressMeter, ScopeList, ScopePlanner } from '../planning';
import { BurnupChart } from './BurnupChart';
import { ForecastDetails } from './ForecastDetails';
import { ForecastHistogram } from './ForecastHistogram';
import { ForecastPanel, WINDOW_WEEKS, type WindowWeeks } from './ForecastPanel';
import { ForecastTrackRecord } from './ForecastTrackRecord';
import { ReleaseDialog } from './ReleaseDialog';
import './releases.css';
import { usePageTitle } from '../frame';

const DEFAULT_WEEKS: WindowWeeks = 12;

function ReleaseSkeleton() {
  return (
    <div className="delivery-page" aria-busy="true" aria-label="Loading the release">
      <Skeleton width={80} />
      <Skeleton width={260} height={24} />
      <Skeleton height={120} />
      <ChartSkeleton height={220} />
    </div>
  );
}

/** A release: the forecast sentence first, its distribution, the burnup, and the scope. */
export function ReleaseView({ product, releaseId }: { product: TProductDetail; releaseId: number }) {
  const productKey = product.key;
  useDeliveryLive(productKey);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('window'));
  const windowWeeks: WindowWeeks = (WINDOW_WEEKS as readonly number[]).includes(asked) ? (asked as WindowWeeks) : DEFAULT_WEEKS;
  const query = useRelease(productKey, releaseId);
  usePageTitle(query.data?.name ?? 'Release');
  const forecast = useForecast(productKey, releaseId, windowWeeks * 7);
  const canManage = can(product.role, 'release.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [planning, setPlanning] = useState(false);

  const refreshAll = () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) });
  const ship = useMutation({
    mutationFn: (released: boolean) => deliveryApi.updateRelease(releaseId, { released, version: query.data!.version }),
    onSuccess: async (r) => {
      await refreshAll();
      toast(r.releasedAt ? `${r.name} is marked released.` : `${r.name} is open again.`, { kind: 'success' });
    },
    onError: (e) =>
      toast(isApiError(e) && e.status === 409 ? 'Someone changed this release just now; try again.' : errorMessage(e), { kind: 'error' }),
  });
  const remove = useMutation({
    mutationFn: () => deliveryApi.deleteRelease(releaseId),
    onSuccess: async () => {
      setDialog(null);
      await refreshAll();
      navigate(`/p/${productKey}/releases`);
    },
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
  });

  if (query.isPending) return <ReleaseSkeleton />;
  if (query.isError) {
    return (
      <div className="delivery-page">
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          title={isApiError(query.error) && query.error.status === 404 ? 'This release does not exist' : undefined}
        />
        <p className="center error-back">
          <Link className="link" to={`/p/${productKey}/releases`}>
            Back to the releases
          </Link>
        </p>
      </div>
    );
  }

  const r = query.data;
  const f = forecast.data;
  const setWindow = (weeks: WindowWeeks) =>
    setParams(
      (p) => {
        if (weeks === DEFAULT_WEEKS) p.delete('window');
        else p.set('window', String(weeks));
        return p;
      },
      { replace: true },
    );

  return (
    <div className="delivery-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to={`/p/${productKey}/releases`}>Releases</Link>
        <span aria-hidden="true">/</span>
      </nav>
      <header className="delivery-header">
        <div className="delivery-title">
          <h1>{r.name}</h1>
          <p className="muted">
            {r.targetDate ? `Target ${longDay(r.targetDate)}` : 'No target date'}
            {r.description && ` · ${r.description}`}
          </p>
        </div>
        {canManage && (
          <div className="row delivery-actions">
            <Button onClick={() => setDialog('edit')}>Edit</Button>
            <Button variant="ghost" className="btn-danger" onClick={() => setDialog('delete')}>
              Delete
            </Button>
            <Button
              variant={f?.status === 'done' && !r.releasedAt ? 'primary' : 'secondary'}
              busy={ship.isPending}
              onClick={() => ship.mutate(!r.releasedAt)}
            >
              {r.releasedAt ? 'Reopen' : 'Mark released'}
            </Button>
          </div>
        )}
      </header>

      <ForecastPanel
        release={r}
        forecast={f}
        error={forecast.error}
        onRetry={() => void forecast.refetch()}
        refreshing={forecast.isPlaceholderData}
        windowWeeks={windowWeeks}
        onWindow={setWindow}
      />

      {!r.releasedAt && (!f || f.status === 'ok') && (
        <ChartCard
          title="Forecast distribution"
          description="When the 10,000 simulated futures finished the remaining scope, each drawn from weeks the team really had, its pace wandering as real teams’ paces do."
          testId="distribution"
        >
          {f ? (
            <ForecastHistogram forecast={f} />
          ) : forecast.isError ? (
            <ChartMessage height={220} error={forecast.error} onRetry={() => void forecast.refetch()} />
          ) : (
            <ChartSkeleton height={220} />
          )}
        </ChartCard>
      )}

      {f && !r.releasedAt && f.status !== 'done' && <ForecastDetails forecast={f} productKey={productKey} />}

      {!r.releasedAt && <ForecastTrackRecord productKey={productKey} releaseId={r.id} windowDays={windowWeeks * 7} />}

      {r.scope.length > 0 && <ProgressMeter progress={r.progress} />}
      {r.burnup.dates.length > 1 && <BurnupChart release={r} forecast={f} />}

      <section className="delivery-section" aria-label="Scope">
        <header className="section-header">
          <h2>
            Scope <span className="faint">{r.scope.length}</span>
          </h2>
          {canManage && (
            <Button size="sm" onClick={() => setPlanning((p) => !p)}>
              {planning ? 'Done adding' : 'Add items'}
            </Button>
          )}
        </header>
        <p className="faint scope-rule">{r.scopeRule}</p>
        {planning && canManage ? (
          <ScopePlanner
            product={product}
            target={{ kind: 'release', id: r.id }}
            targetName={r.name}
            scope={r.scope}
            backlogNote="Open items in no release; an epic brings its children"
            emptyScope={
              <>
                <strong>Drag items or epics here</strong>, or select them on the left and press <em>Add to release</em>.
              </>
            }
          />
        ) : r.scope.length === 0 ? (
          <div className="delivery-empty">
            <p className="muted">
              Nothing is in this release yet, so there is nothing to forecast.{' '}
              {canManage ? (
                <button type="button" className="link-button" onClick={() => setPlanning(true)}>
                  Add items or epics from the backlog
                </button>
              ) : (
                'The product owner adds items to it from the backlog.'
              )}
            </p>
          </div>
        ) : (
          <ScopeList scope={r.scope} productKey={productKey} states={product.states} />
        )}
      </section>

      {canManage && (
        <>
          <ReleaseDialog open={dialog === 'edit'} onClose={() => setDialog(null)} productKey={productKey} release={r} />
          <Dialog
            open={dialog === 'delete'}
            onClose={() => setDialog(null)}
            title={`Delete ${r.name}?`}
            footer={
              <>
                <Button onClick={() => setDialog(null)}>Cancel</Button>
                <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                  Delete release
                </Button>
              </>
            }
          >
            <p>Its items stay in the backlog, without a release.</p>
          </Dialog>
        </>
      )}
    </div>
  );
}

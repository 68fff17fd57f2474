import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TPortfolioRow } from '@ordo/contract';
import { blockedWords, type Health } from '@ordo/domain/status-update';
import { keys } from '../../api/keys';
import { portfolioApi } from '../../api/reporting';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { longDay } from '../../ui/time';
import { HealthBadge } from '../updates';
import './portfolio.css';

type SortKey = 'attention' | 'product' | 'health' | 'late' | 'blocked' | 'question' | 'requests';

const HEALTH_ORDER: Record<Health, number> = { off_track: 3, at_risk: 2, on_track: 0 };
const worstLate = (r: TPortfolioRow) => Math.max(-Infinity, ...r.releases.map((x) => x.weeksLate ?? -Infinity));
const SORTS: Record<SortKey, (r: TPortfolioRow) => number | string> = {
  attention: (r) => r.attention,
  product: (r) => r.productName.toLowerCase(),
  health: (r) => (r.health ? HEALTH_ORDER[r.health.health] : 1),
  late: worstLate,
  blocked: (r) => r.blocked.seconds,
  question: (r) => r.oldestOpenQuestion?.ageDays ?? -1,
  requests: (r) => r.untriagedRequests,
};

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'product', label: 'Product' },
  { key: 'health', label: 'Health' },
  { key: 'late', label: 'Releases vs target' },
  { key: 'blocked', label: 'Blocked' },
  { key: 'attention', label: 'WIP' },
  { key: 'question', label: 'Oldest question' },
  { key: 'requests', label: 'Untriaged' },
];

function lateWords(weeks: number | null): string {
  if (weeks === null) return 'no forecast';
  if (weeks === 0) return 'on target';
  return weeks > 0 ? `${weeks} wk late` : `${-weeks} wk early`;
}

/** Every product the lead oversees, the ones needing attention first; a row opens its product. */
export function PortfolioView() {
  const navigate = useNavigate();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'attention', desc: true });
  const query = useQuery({ queryKey: keys.portfolio, queryFn: portfolioApi.get });

  const by = SORTS[sort.key];
  const rows = [...(query.data?.items ?? [])].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (sort.desc ? -c : c) || b.attention - a.attention;
  });
  const toggle = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'product' }));

  return (
    <div className="page portfolio-page">
      <div className="page-header">
        <div>
          <h1>Portfolio</h1>
          <p className="muted">The products you lead, the ones that need you first.</p>
        </div>
      </div>
      {query.isPending ? (
        <SkeletonRows count={5} height={56} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No products to oversee">
          You lead no product yet. An owner or admin makes you lead of a product in its settings, under Members.
        </EmptyState>
      ) : (
        <div className="portfolio-scroll">
          <label className="portfolio-sort-narrow">
            <span className="muted">Sort by</span>
            <select
              className="select"
              value={`${sort.key}:${sort.desc ? 'desc' : 'asc'}`}
              onChange={(e) => {
                const [key, dir] = e.target.value.split(':') as [SortKey, string];
                setSort({ key, desc: dir === 'desc' });
              }}
            >
              <option value="attention:desc">Needs attention first</option>
              <option value="health:desc">Worst health first</option>
              <option value="late:desc">Latest release first</option>
              <option value="blocked:desc">Blocked longest first</option>
              <option value="question:desc">Oldest question first</option>
              <option value="requests:desc">Most untriaged first</option>
              <option value="product:asc">Product name</option>
            </select>
          </label>
          <table className="portfolio-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.label}
                    scope="col"
                    aria-sort={sort.key === c.key && c.label !== 'WIP' ? (sort.desc ? 'descending' : 'ascending') : undefined}
                  >
                    {c.label === 'WIP' ? (
                      c.label
                    ) : (
                      <button type="button" className="portfolio-sort" onClick={() => toggle(c.key)}>
                        {c.label}
                        <span aria-hidden="true">{sort.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}</span>
                      </button>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.productKey} onClick={() => navigate(`/p/${r.productKey}/updates`)} data-testid={`portfolio-${r.productKey}`}>
                  <th scope="row">
                    <Link to={`/p/${r.productKey}/updates`} onClick={(e) => e.stopPropagation()} className="portfolio-product">
                      {r.productName}
                    </Link>
                    <span className="faint portfolio-owners">
                      {r.productKey}
                      {r.owners.length ? ` · ${r.owners.map((o) => o.name).join(', ')}` : ' · no owner'}
                    </span>
                  </th>
                  <td className="portfolio-health" data-label="Health">
                    {r.health ? (
                      <>
                        <HealthBadge health={r.health.health} size="sm" />
                        <span className={`portfolio-age ${r.health.ageDays > 14 ? 'is-stale' : ''}`}>
                          {r.health.ageDays === 0 ? 'today' : `${r.health.ageDays} d ago`}
                        </span>
                      </>
                    ) : (
                      <span className="faint">no update yet</span>
                    )}
                  </td>
                  <td data-label="Releases vs target">
                    {r.releases.length === 0 && <span className="faint">no open release</span>}
                    {r.releases.map((x) => (
                      <div key={x.id} className="portfolio-release" title={x.sentence}>
                        <span className="portfolio-release-name">{x.name}</span>{' '}
                        <span className={x.weeksLate !== null && x.weeksLate > 0 ? 'is-late' : x.weeksLate !== null ? 'is-ok' : 'faint'}>
                          {x.targetDate ? lateWords(x.weeksLate) : 'no target'}
                        </span>
                        {x.targetDate && <span className="faint portfolio-target">target {longDay(x.targetDate)}</span>}
                      </div>
                    ))}
                  </td>
                  <td className="portfolio-nowrap" data-label="Blocked">
                    {r.blocked.count ? (
                      <>
                        <strong className="is-late">{r.blocked.count}</strong>{' '}
                        <span className="faint">· {blockedWords(r.blocked.seconds)}</span>
                      </>
                    ) : (
                      <span className="faint">none</span>
                    )}
                  </td>
                  <td className="portfolio-nowrap" data-label="WIP">
                    {r.wip.length === 0 && <span className="faint">no limits</span>}
                    {r.wip.map((w) => (
                      <div key={w.state} className={w.count > w.limit ? 'is-late' : undefined}>
                        {w.state} {w.count}/{w.limit}
                      </div>
                    ))}
                  </td>
                  <td data-label="Oldest question">
                    {r.oldestOpenQuestion ? (
                      `${r.oldestOpenQuestion.ageDays} d (${r.openQuestions} open)`
                    ) : (
                      <span className="faint">none</span>
                    )}
                  </td>
                  <td data-label="Untriaged">{r.untriagedRequests || <span className="faint">0</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

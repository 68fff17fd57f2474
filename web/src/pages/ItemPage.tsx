import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { itemsApi } from '../api/items';
import { keys } from '../api/keys';
import { useProduct } from '../api/queries';
import { Avatar } from '../ui/Avatar';
import { BlockedIcon } from '../ui/BlockedIcon';
import { ErrorState } from '../ui/ErrorState';
import { isTyping } from '../ui/keyboard';
import { Markdown } from '../ui/Markdown';
import { SkeletonRows } from '../ui/Skeleton';
import { StateBadge } from '../ui/StateBadge';
import { TypeIcon } from '../ui/TypeIcon';
import { formatDate, since } from '../ui/time';

/** An item, read-only: what Enter on a backlog row opens. Esc goes back. */
export function ItemPage() {
  const { key = '', itemKey = '' } = useParams();
  const navigate = useNavigate();
  const product = useProduct(key).data;
  const item = useQuery({ queryKey: keys.item(itemKey), queryFn: () => itemsApi.get(itemKey) });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTyping(e) && !document.querySelector('dialog[open]')) navigate(-1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate]);

  if (item.isPending) return <SkeletonRows count={6} height={44} />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const i = item.data;
  const state = product?.states.find((s) => s.id === i.stateId);
  return (
    <article className="page item-page">
      <p className="muted">
        <Link to={`/p/${key}/backlog`} className="link">
          Backlog
        </Link>{' '}
        / <span className="mono">{i.key}</span>
      </p>
      <h1 className="item-title">{i.title}</h1>
      <dl className="item-facts">
        <div>
          <dt>Type</dt>
          <dd>
            <TypeIcon type={i.type} label />
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{state ? <StateBadge name={state.name} category={state.category} /> : '—'}</dd>
        </div>
        <div>
          <dt>Estimate</dt>
          <dd>{i.estimate != null ? `${i.estimate} pt` : '—'}</dd>
        </div>
        <div>
          <dt>WSJF</dt>
          <dd>{i.wsjf ?? '—'}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>
            {i.assignee ? (
              <span className="row">
                <Avatar name={i.assignee.name} size={20} /> {i.assignee.name}
              </span>
            ) : (
              'nobody'
            )}
          </dd>
        </div>
        <div>
          <dt>Labels</dt>
          <dd className="row">{i.labels.length ? i.labels.map((l) => <span key={l} className="label-chip">{l}</span>) : '—'}</dd>
        </div>
        {i.blocked && (
          <div>
            <dt>Blocked</dt>
            <dd className="blocked-text">
              <BlockedIcon /> {i.blockedSince ? `for ${since(i.blockedSince)}` : ''} {i.blockedReason ? `— ${i.blockedReason}` : ''}
            </dd>
          </div>
        )}
        {i.progress && (
          <div>
            <dt>Progress</dt>
            <dd>
              {i.progress.done}/{i.progress.total} done
            </dd>
          </div>
        )}
        <div>
          <dt>Created</dt>
          <dd>
            {formatDate(i.createdAt)}
            {i.createdBy ? ` by ${i.createdBy.name}` : ''}
          </dd>
        </div>
      </dl>
      {i.description ? <Markdown source={i.description} className="item-description" /> : <p className="faint">No description.</p>}
      {i.criteria.length > 0 && (
        <section>
          <h2>Acceptance criteria</h2>
          <ul className="criteria">
            {i.criteria.map((c) => (
              <li key={c.id}>
                {c.accepted ? '☑' : '☐'} {c.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

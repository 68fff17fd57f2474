import { useQuery } from '@tanstack/react-query';
import type { TItem, TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { Link } from 'react-router';
import { keys } from '../../api/keys';
import { requestsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { RequestCard } from './RequestCard';
import './requests.css';

/**
 * The requests linked to an item: who asked, the votes and distinct customers added up, and (for
 * those who edit scores) taking RICE reach from the customers.
 */
export function ItemRequests({ item, product, onReach }: { item: TItem; product: TProductDetail; onReach?: (reach: number) => void }) {
  const query = useQuery({
    queryKey: keys.itemRequests(item.key),
    queryFn: () => requestsApi.onItem(item.key),
    enabled: item.requests > 0,
  });
  if (item.requests === 0)
    return (
      <section className="item-section" aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="section-title">
          Requests
        </h2>
        <p className="faint">
          No requests linked.{' '}
          {can(product.role, 'request.triage') ? (
            <>
              Link one from the <Link to={`/p/${product.key}/requests`}>requests</Link> to see who wants this.
            </>
          ) : null}
        </p>
      </section>
    );
  const data = query.data;
  const customers = data?.customers ?? [];
  return (
    <section className="item-section" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="section-title">
        Requests <span className="faint section-count">{item.requests}</span>
      </h2>
      <p className="item-request-totals">
        <span className="signal signal-votes">▲ {item.votes}</span> {item.votes === 1 ? 'person wants' : 'people want'} this, for{' '}
        {customers.length > 0 ? customers.join(', ') : `${item.customers} customers`}.
        {onReach && can(product.role, 'item.update') && item.riceReach !== item.customers && (
          <Button size="sm" variant="ghost" onClick={() => onReach(item.customers)}>
            Use {item.customers} customers as RICE reach
          </Button>
        )}
      </p>
      <div className="request-list is-compact">
        {(data?.items ?? []).map((r) => (
          <RequestCard key={r.id} request={r} canVote={can(product.role, 'request.vote')} canTriage={false} />
        ))}
      </div>
    </section>
  );
}

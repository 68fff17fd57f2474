import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TWebhookDelivery } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { webhooksApi } from '../../api/webhooks';
import { Button } from '../../ui/Button';
import { useToast } from '../../ui/Toast';
import { since } from '../../ui/time';

const STATUS_LABEL: Record<TWebhookDelivery['status'], string> = {
  pending: 'Pending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** A webhook's delivery log, newest first, refreshed while something is still on its way. */
export function WebhookDeliveries({ productKey, webhookId }: { productKey: string; webhookId: number }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const log = useQuery({
    queryKey: keys.webhookDeliveries(productKey, webhookId),
    queryFn: () => webhooksApi.deliveries(webhookId),
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending' || d.status === 'retrying') ? 3_000 : false),
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: number) => webhooksApi.redeliver(webhookId, deliveryId),
    onSuccess: () => toast('Sent again', { kind: 'success' }),
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.webhooks(productKey) }),
  });

  if (log.isPending) return <p className="faint webhook-log-empty">Loading deliveries…</p>;
  if (log.isError) return <p className="field-error">The deliveries could not be loaded: {errorMessage(log.error)}</p>;
  if (log.data.items.length === 0)
    return <p className="faint webhook-log-empty">Nothing sent yet: the next event you chose will show here.</p>;
  return (
    <table className="table webhook-log">
      <thead>
        <tr>
          <th>Status</th>
          <th>Event</th>
          <th>Sent</th>
          <th>Answer</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {log.data.items.map((d) => (
          <tr key={d.id}>
            <td>
              <span className={`delivery-status is-${d.status}`}>{STATUS_LABEL[d.status]}</span>
              {d.attempts > 1 && <span className="faint"> · {d.attempts} tries</span>}
            </td>
            <td className="mono">{d.event}</td>
            <td className="muted">{since(d.lastAttemptAt ?? d.createdAt)} ago</td>
            <td className="muted webhook-answer" title={d.responseExcerpt ?? undefined}>
              {d.responseStatus ?? '–'}
              {d.durationMs !== null && ` · ${d.durationMs} ms`}
              {d.responseExcerpt && <span className="faint"> · {d.responseExcerpt.slice(0, 60)}</span>}
            </td>
            <td style={{ textAlign: 'right' }}>
              <Button
                size="sm"
                variant="ghost"
                busy={redeliver.isPending && redeliver.variables === d.id}
                onClick={() => redeliver.mutate(d.id)}
              >
                Redeliver
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

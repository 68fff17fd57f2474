import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TProductDetail, TWebhook, TWebhookCreated } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { webhooksApi } from '../../api/webhooks';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { since } from '../../ui/time';
import { WebhookDeliveries } from './WebhookDeliveries';
import { describeEvent, WEBHOOK_GROUPS } from './webhookEvents';

/** A product's webhooks: add one (its secret shown once), see how each is doing, open its delivery log. */
export function WebhooksSection({ product }: { product: TProductDetail }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: keys.webhooks(product.key), queryFn: () => webhooksApi.list(product.key) });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['item.*']);
  const [created, setCreated] = useState<TWebhookCreated | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.webhooks(product.key) });

  const add = useMutation({
    mutationFn: () => webhooksApi.create(product.key, { url: url.trim(), events }),
    onSuccess: (hook) => {
      setCreated(hook);
      setUrl('');
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => webhooksApi.remove(product.key, id),
    onSuccess: () => toast('Webhook removed', { kind: 'success' }),
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
    onSettled: refresh,
  });
  const fields = isApiError(add.error) ? add.error.fields : {};
  const toggle = (kind: string) => setEvents((e) => (e.includes(kind) ? e.filter((k) => k !== kind) : [...e, kind]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    add.mutate();
  };
  const hooks = list.data?.items ?? [];

  return (
    <section className="settings-section" id="webhooks" aria-labelledby="webhooks-heading">
      <header>
        <h2 id="webhooks-heading">Webhooks</h2>
        <p className="muted">
          Ordo sends each event you choose to your URL as a JSON POST, signed in the <code className="mono">Ordo-Signature</code> header
          with the webhook&apos;s secret. A delivery that fails is retried for a day; after that the webhook is turned off and you are told.
        </p>
      </header>

      {created && (
        <div className="settings-notice webhook-secret" role="status">
          <div className="stack-tight">
            <strong>Copy the secret now: it is not shown again.</strong>
            <code className="mono webhook-secret-value" data-testid="webhook-secret">
              {created.secret}
            </code>
          </div>
          <div className="row">
            <Button size="sm" onClick={() => void navigator.clipboard?.writeText(created.secret).then(() => toast('Secret copied'))}>
              Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
              I have copied it
            </Button>
          </div>
        </div>
      )}

      {list.isError ? (
        <div className="settings-notice is-danger" role="alert">
          The webhooks could not be loaded: {errorMessage(list.error)}
        </div>
      ) : hooks.length === 0 && !list.isPending ? (
        <p className="faint">No webhooks yet — add one below to tell another tool whenever something changes here.</p>
      ) : (
        <ul className="webhook-list">
          {hooks.map((hook) => (
            <WebhookRow
              key={hook.id}
              hook={hook}
              productKey={product.key}
              open={open === hook.id}
              onToggle={() => setOpen(open === hook.id ? null : hook.id)}
              onRemove={() => remove.mutate(hook.id)}
            />
          ))}
        </ul>
      )}

      <form className="webhook-add" onSubmit={submit} noValidate>
        <Field
          label="Add a webhook: its URL"
          type="url"
          placeholder="https://example.com/hooks/ordo"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fields.url ?? (add.error && !fields.events ? errorMessage(add.error) : undefined)}
        />
        <fieldset className="webhook-events">
          <legend>Events to send</legend>
          {WEBHOOK_GROUPS.map((g) => (
            <label key={g.entity} className="rule-check">
              <input type="checkbox" checked={events.includes(`${g.entity}.*`)} onChange={() => toggle(`${g.entity}.*`)} />
              {g.label}
            </label>
          ))}
          {fields.events && <div className="field-error">{fields.events}</div>}
        </fieldset>
        <div>
          <Button type="submit" variant="primary" disabled={!url.trim() || events.length === 0} busy={add.isPending}>
            Add webhook
          </Button>
        </div>
      </form>
    </section>
  );
}

function WebhookRow(props: { hook: TWebhook; productKey: string; open: boolean; onToggle(): void; onRemove(): void }) {
  const { hook } = props;
  return (
    <li className="webhook">
      <div className="webhook-main">
        <span
          className={`webhook-dot ${hook.active ? (hook.lastDelivery?.status === 'failed' || hook.failureCount > 0 ? 'is-failing' : 'is-on') : 'is-off'}`}
          aria-hidden
        />
        <div className="webhook-what">
          <span className="mono webhook-url">{hook.url}</span>
          <span className="faint webhook-meta">
            {hook.events.map(describeEvent).join(', ')} · secret {hook.secretHint}
            {hook.lastDelivery && ` · last sent ${since(hook.lastDelivery.at)} ago (${hook.lastDelivery.status})`}
          </span>
        </div>
        <div className="row webhook-buttons">
          <Button size="sm" variant="ghost" aria-expanded={props.open} onClick={props.onToggle}>
            {props.open ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <Button size="sm" variant="danger" onClick={props.onRemove} aria-label={`Remove the webhook to ${hook.url}`}>
            Remove
          </Button>
        </div>
      </div>
      {!hook.active && (
        <div className="settings-notice is-danger">
          Turned off{hook.disabledReason ? `: ${hook.disabledReason}` : ''}. Redeliver a delivery once the receiver is fixed to turn it back
          on.
        </div>
      )}
      {props.open && <WebhookDeliveries productKey={props.productKey} webhookId={hook.id} />}
    </li>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TCreatedShareLink, TProductDetail } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { shareLinksApi } from '../../api/reporting';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import './share-links.css';

const SCOPES = [
  { key: 'updates', label: 'Status updates', hint: 'and their Atom feed' },
  { key: 'forecasts', label: 'Release forecasts', hint: 'each open release against its target' },
  { key: 'roadmap', label: 'Roadmap', hint: 'epics with their progress' },
] as const;

/**
 * Read-only links for people without an account: create one (its URL is shown this once), see
 * when each was last opened, revoke. Nothing else about the product is reachable through a link.
 */
export function ShareLinksSection({ product }: { product: TProductDetail }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [label, setLabel] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [scope, setScope] = useState({ updates: true, forecasts: true, roadmap: false });
  const [created, setCreated] = useState<TCreatedShareLink | null>(null);
  const links = useQuery({ queryKey: keys.shareLinks(product.key), queryFn: () => shareLinksApi.list(product.key) });
  const create = useMutation({
    mutationFn: () => shareLinksApi.create(product.key, { label: label.trim(), scope, ...(expiresAt ? { expiresAt } : {}) }),
    onSuccess: (link) => {
      setCreated(link);
      setLabel('');
      setExpiresAt('');
      void queryClient.invalidateQueries({ queryKey: keys.shareLinks(product.key) });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => shareLinksApi.revoke(product.key, id),
    onSuccess: () => {
      toast('Link revoked: it now shows “not found”.', { kind: 'success' });
      void queryClient.invalidateQueries({ queryKey: keys.shareLinks(product.key) });
    },
  });
  const fields = isApiError(create.error) ? create.error.fields : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.url).catch(() => {});
    toast('Link copied', { kind: 'success' });
  };

  return (
    <section className="settings-section" aria-labelledby="share-heading">
      <header>
        <h2 id="share-heading">Share links</h2>
        <p className="muted">
          A read-only page for people without an account: the board, a customer. It shows only what you tick — never comments, descriptions
          or people’s e-mails — and stops working when revoked or expired.
        </p>
      </header>
      {created && (
        <div className="share-created" role="status" data-testid="share-created">
          <p>
            <strong>Link for “{created.label}”.</strong> Copy it now: Ordo keeps only a fingerprint of it and cannot show it again.
          </p>
          <div className="share-url">
            <input className="input" readOnly value={created.url} aria-label="Share link URL" onFocus={(e) => e.target.select()} />
            <Button variant="primary" onClick={() => void copy()}>
              Copy
            </Button>
          </div>
        </div>
      )}
      <form className="share-form" onSubmit={submit} noValidate>
        <Field
          label="Who it is for"
          placeholder="Board of directors"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={fields.label}
        />
        <Field
          label="Expires (optional)"
          type="date"
          value={expiresAt}
          onChange={(e) => setExpiresAt(e.target.value)}
          error={fields.expiresAt}
        />
        <fieldset className="share-scope">
          <legend>Shows</legend>
          {SCOPES.map((s) => (
            <label key={s.key} className="share-scope-option">
              <input type="checkbox" checked={scope[s.key]} onChange={(e) => setScope({ ...scope, [s.key]: e.target.checked })} />
              <span>
                {s.label} <span className="faint">— {s.hint}</span>
              </span>
            </label>
          ))}
          {fields.scope && <span className="field-error">{fields.scope}</span>}
        </fieldset>
        <div>
          <Button type="submit" variant="primary" disabled={!label.trim()} busy={create.isPending}>
            Create link
          </Button>
        </div>
      </form>
      {links.data && links.data.items.length > 0 && (
        <table className="table share-links">
          <thead>
            <tr>
              <th>For</th>
              <th>Shows</th>
              <th>Opened</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {links.data.items.map((l) => (
              <tr key={l.id} className={l.active ? undefined : 'is-inactive'}>
                <td>
                  {l.label}
                  <span className="faint share-created-at"> · {formatDate(l.createdAt)}</span>
                </td>
                <td className="muted">
                  {SCOPES.filter((s) => l.scope[s.key])
                    .map((s) => s.label)
                    .join(', ')}
                </td>
                <td className="muted">{l.openCount ? `${l.openCount}× · last ${formatDate(l.lastOpenedAt!)}` : 'never'}</td>
                <td>{l.revokedAt ? 'Revoked' : !l.active ? 'Expired' : l.expiresAt ? `Until ${formatDate(l.expiresAt)}` : 'Active'}</td>
                <td style={{ textAlign: 'right' }}>
                  {l.active && (
                    <Button size="sm" variant="danger" onClick={() => revoke.mutate(l.id)} aria-label={`Revoke the link for ${l.label}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

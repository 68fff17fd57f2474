import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { LinkKind, TLink } from '@ordo/contract';
import type { TItem } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { itemPartsApi } from '../../api/itemParts';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { StateIcon } from '../../ui/StateBadge';
import { useToast } from '../../ui/Toast';

const KIND_LABELS: Record<LinkKind, string> = { blocks: 'Blocks', blocked_by: 'Blocked by', relates: 'Relates to' };
const KINDS = Object.keys(KIND_LABELS) as LinkKind[];

/** Links to other items, grouped by kind, each shown from this item's side; add one by key. */
export function LinksList({ item, canEdit }: { item: TItem; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<LinkKind>('relates');
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const productKey = item.productKey;

  const setLinks = (fn: (links: TLink[]) => TLink[]) =>
    queryClient.setQueryData<TItem>(keys.item(item.key), (i) => i && { ...i, links: fn(i.links) });

  const add = async () => {
    let key = other.trim().toUpperCase();
    if (/^\d+$/.test(key)) key = `${productKey}-${key}`;
    if (!key) return;
    setBusy(true);
    try {
      const link = await itemPartsApi.addLink(item.key, kind, key);
      setLinks((links) => [...links.filter((l) => !(l.key === link.key && l.kind === link.kind)), link]);
      setOther('');
    } catch (e) {
      toast(`Not linked: ${errorMessage(e)}`, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (link: TLink) => {
    setLinks((links) => links.filter((l) => l !== link));
    try {
      await itemPartsApi.deleteLink(item.key, link.kind, link.key);
    } catch (e) {
      setLinks((links) => [...links, link]);
      toast(`The link stays: ${errorMessage(e)}`, { kind: 'error' });
    }
  };

  const groups = KINDS.map((k) => [k, item.links.filter((l) => l.kind === k)] as const).filter(([, links]) => links.length > 0);
  if (!canEdit && groups.length === 0) return null;
  return (
    <section className="item-links" aria-labelledby="links-heading">
      <h2 id="links-heading" className="side-title">
        Links
      </h2>
      {groups.map(([k, links]) => (
        <div key={k} className="link-group">
          <h3 className="link-kind">{KIND_LABELS[k]}</h3>
          <ul className="links">
            {links.map((l) => (
              <li key={`${l.kind}-${l.key}`} className="link-row">
                <StateIcon category={l.stateCategory} />
                <Link to={`/p/${productKey}/items/${l.key}`} className="mono link-key">
                  {l.key}
                </Link>
                <span className={`link-title ${l.stateCategory === 'done' ? 'is-done' : ''}`} title={l.title}>
                  {l.title}
                </span>
                {canEdit && (
                  <button type="button" className="icon-btn" aria-label={`Remove link to ${l.key}`} onClick={() => void remove(l)}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {canEdit && (
        <form
          className="link-add"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <select className="select select-sm" aria-label="Link kind" value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].toLowerCase()}
              </option>
            ))}
          </select>
          <input
            className="input input-sm link-key-input"
            aria-label="Item key to link"
            placeholder={`${productKey}-12`}
            value={other}
            onChange={(e) => setOther(e.target.value)}
          />
          <Button size="sm" type="submit" busy={busy} disabled={!other.trim()}>
            Link
          </Button>
        </form>
      )}
    </section>
  );
}

import type { QueryClient } from '@tanstack/react-query';
import type { TActivity } from '@ordo/contract';
import { keys } from '../api/keys';

/** Item fields that also appear in the product detail (its label list, its epics). */
const PRODUCT_LEVEL_FIELDS = ['labels', 'type', 'title', 'parentKey'];

/**
 * What every event does to the cache, whichever page is open: the product's own settings are
 * refetched, an item's detail is marked stale, lists no page is showing are marked stale for
 * their next visit. Pages that show a list patch it themselves (see useActivity).
 */
export function applyActivity(queryClient: QueryClient, a: TActivity) {
  const productKey = a.productKey;
  if (a.entityType === 'product' || a.entityType === 'state' || a.entityType === 'member') {
    void queryClient.invalidateQueries({ queryKey: keys.product(productKey) });
    if (a.entityType === 'state') void queryClient.invalidateQueries({ queryKey: keys.itemLists(productKey), type: 'inactive' });
    return;
  }
  if (a.entityType === 'status_update' || a.entityType === 'share_link') {
    // Exact: the open draft's own query must not refetch (opening a draft after a publish makes a new one).
    const list = a.entityType === 'status_update' ? keys.updates(productKey) : keys.shareLinks(productKey);
    void queryClient.invalidateQueries({ queryKey: list, exact: true });
    return;
  }
  if (a.itemKey) void queryClient.invalidateQueries({ queryKey: keys.item(a.itemKey) });
  if (a.entityType === 'question' || a.entityType === 'decision' || a.entityType === 'request') {
    const list = a.entityType === 'question' ? keys.questions : a.entityType === 'decision' ? keys.decisions : keys.requests;
    void queryClient.invalidateQueries({ queryKey: list(productKey) });
    // Answering records a decision; triage and votes change what the inbox shows.
    if (a.entityType === 'question') void queryClient.invalidateQueries({ queryKey: keys.decisions(productKey) });
    void queryClient.invalidateQueries({ queryKey: keys.inbox });
    return;
  }
  if (a.entityType !== 'item') return;
  void queryClient.invalidateQueries({ queryKey: keys.itemLists(productKey), type: 'inactive' });
  const changed = Object.keys({ ...a.before, ...a.after });
  if (a.action !== 'updated' || changed.some((f) => PRODUCT_LEVEL_FIELDS.includes(f))) {
    void queryClient.invalidateQueries({ queryKey: keys.product(productKey) });
  }
}

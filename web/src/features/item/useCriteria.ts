import { useQueryClient } from '@tanstack/react-query';
import type { TCriterion, TItem } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { itemPartsApi } from '../../api/itemParts';
import { keys } from '../../api/keys';
import { useToast } from '../../ui/Toast';

/**
 * Changes to the acceptance criteria, shown at once in the item's cached copy and put back with
 * a toast when refused. Criteria carry no version: each change is small and made by one person.
 */
export function useCriteria(itemKey: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = keys.item(itemKey);

  const edit = (fn: (list: TCriterion[]) => TCriterion[]) => {
    const previous = queryClient.getQueryData<TItem>(key);
    queryClient.setQueryData<TItem>(key, (i) => i && { ...i, criteria: fn(i.criteria) });
    return previous;
  };
  const run = async (what: string, optimistic: (list: TCriterion[]) => TCriterion[], call: () => Promise<TCriterion | void>) => {
    const previous = edit(optimistic);
    try {
      const saved = await call();
      if (saved) edit((list) => list.map((c) => (c.id === saved.id ? saved : c)));
      return true;
    } catch (e) {
      if (previous) queryClient.setQueryData(key, previous);
      toast(`${what}: ${errorMessage(e)}`, { kind: 'error' });
      return false;
    }
  };

  return {
    add: async (text: string) => {
      try {
        const created = await itemPartsApi.addCriterion(itemKey, text);
        edit((list) => [...list.filter((c) => c.id !== created.id), created]);
        return true;
      } catch (e) {
        toast(`The criterion was not added: ${errorMessage(e)}`, { kind: 'error' });
        return false;
      }
    },
    accept: (c: TCriterion, accepted: boolean) =>
      run(
        accepted ? 'Not accepted' : 'Acceptance not withdrawn',
        (list) => list.map((x) => (x.id === c.id ? { ...x, accepted } : x)),
        () => itemPartsApi.updateCriterion(c.id, { accepted }),
      ),
    reword: (c: TCriterion, text: string) =>
      run(
        'Not saved',
        (list) => list.map((x) => (x.id === c.id ? { ...x, text, accepted: false } : x)),
        () => itemPartsApi.updateCriterion(c.id, { text }),
      ),
    moveTo: (c: TCriterion, index: number) =>
      run(
        'Not moved',
        (list) => {
          const without = list.filter((x) => x.id !== c.id);
          without.splice(Math.max(0, Math.min(index, without.length)), 0, c);
          return without;
        },
        // The server's answer holds the stored position, not the order; the list order is already right.
        async () => {
          await itemPartsApi.updateCriterion(c.id, { position: index });
        },
      ),
    remove: (c: TCriterion) =>
      run(
        'Not removed',
        (list) => list.filter((x) => x.id !== c.id),
        () => itemPartsApi.deleteCriterion(c.id),
      ),
  };
}

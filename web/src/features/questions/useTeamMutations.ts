import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys';

/** After a question, decision or request changes: every list that shows it reloads. */
export function useRefreshTeamLists() {
  const queryClient = useQueryClient();
  return (productKey: string, itemKey?: string | null) => {
    void queryClient.invalidateQueries({ queryKey: keys.questions(productKey) });
    void queryClient.invalidateQueries({ queryKey: keys.decisions(productKey) });
    void queryClient.invalidateQueries({ queryKey: keys.requests(productKey) });
    void queryClient.invalidateQueries({ queryKey: keys.inbox });
    if (itemKey) void queryClient.invalidateQueries({ queryKey: keys.item(itemKey) });
  };
}

import { useQuery } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import { inboxApi } from '../../api/team';

/** How many things wait for the signed-in person: the sidebar's Inbox count. */
export function useInboxCount() {
  return useQuery({
    queryKey: [...keys.inbox, 'count'],
    queryFn: async () => (await inboxApi.get(1)).total,
    // New questions and requests for this person arrive as notifications (UserStreamProvider
    // refreshes the inbox); what others settle meanwhile is picked up within a minute.
    refetchInterval: 60_000,
  });
}

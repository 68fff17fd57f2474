import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { keys } from '../api/keys';
import { useMe } from '../api/queries';
import { UserStream } from './UserStream';

/**
 * Opens the signed-in person's own event stream once, for every page: new notifications refresh
 * the bell and whatever lists them (the inbox), and the unread count follows the server's.
 */
export function UserStreamProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const userId = useMe().data?.id;

  useEffect(() => {
    if (userId === undefined) return;
    const stream = new UserStream({
      onNotification: () => {
        void queryClient.invalidateQueries({ queryKey: keys.notificationList });
        void queryClient.invalidateQueries({ queryKey: keys.inbox });
      },
      onUnread: (unread) => queryClient.setQueryData(keys.unreadCount, unread),
      onReset: () => {
        void queryClient.invalidateQueries({ queryKey: keys.notifications });
        void queryClient.invalidateQueries({ queryKey: keys.inbox });
      },
    });
    return () => stream.close();
  }, [userId, queryClient]);

  return <>{children}</>;
}

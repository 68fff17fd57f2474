import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import { notificationsApi } from '../../api/notifications';

/** The unread count on the bell; kept current by the person's event stream (UserStreamProvider). */
export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: async () => (await notificationsApi.list({ unread: true, limit: 1 })).unread,
    staleTime: 5 * 60_000,
  });
}

/** The latest notifications, for the bell's panel. */
export function useNotificationList(enabled: boolean) {
  return useQuery({ queryKey: keys.notificationList, queryFn: () => notificationsApi.list({ limit: 30 }), enabled });
}

/** Marks some (ids) or all notifications read; the count comes back with the answer. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | 'all') => (ids === 'all' ? notificationsApi.markAllRead() : notificationsApi.markRead(ids)),
    onSuccess: ({ unread }) => {
      queryClient.setQueryData(keys.unreadCount, unread);
      void queryClient.invalidateQueries({ queryKey: keys.notificationList });
      void queryClient.invalidateQueries({ queryKey: keys.inbox });
    },
  });
}

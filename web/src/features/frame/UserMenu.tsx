import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useMe } from '../../api/queries';
import { Avatar } from '../../ui/Avatar';
import { Menu } from '../../ui/Menu';
import { useToast } from '../../ui/Toast';
import { useFrame } from './FrameContext';

export function UserMenu() {
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { openShortcuts } = useFrame();
  const logout = useMutation({
    mutationFn: authApi.logout,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, null);
      navigate('/login', { replace: true });
    },
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
  });
  if (!me) return null;
  return (
    <Menu
      label={
        <>
          <span aria-hidden="true" className="user-avatar">
            <Avatar name={me.name} size={20} />
          </span>
          {/* The name it shows is the name it has (axe: label-content-name-mismatch). */}
          <span className="visually-hidden">Account: </span>
          <span className="user-name">{me.name}</span>
        </>
      }
      triggerClassName="user-trigger"
      align="end"
      items={[
        { id: 'profile', label: 'Profile' },
        ...(me.isAdmin ? [{ id: 'users', label: 'People' }] : []),
        { id: 'notifications', label: 'Notification settings' },
        { id: 'tokens', label: 'API tokens' },
        { id: 'shortcuts', label: 'Keyboard shortcuts' },
        { id: 'logout', label: 'Sign out' },
      ]}
      onSelect={(id) => {
        if (id === 'profile') navigate('/profile');
        else if (id === 'users') navigate('/users');
        else if (id === 'notifications') navigate('/settings/notifications');
        else if (id === 'tokens') navigate('/tokens');
        else if (id === 'shortcuts') openShortcuts();
        else logout.mutate();
      }}
    />
  );
}

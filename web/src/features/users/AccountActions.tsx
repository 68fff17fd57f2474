import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TAccount } from '@ordo/contract';
import { authApi, type TGeneratedPassword } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Menu } from '../../ui/Menu';
import { useToast } from '../../ui/Toast';

type Confirm = 'reset' | 'deactivate' | null;

/**
 * What an admin can do to one account: reset its password (a generated one, shown once), deactivate
 * or reactivate it, make or remove an admin. The two that lock someone out ask first.
 */
export function AccountActions({ user, isMe }: { user: TAccount; isMe: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [generated, setGenerated] = useState<TGeneratedPassword | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.users });
    void queryClient.invalidateQueries({ queryKey: keys.accountAudit });
  };
  const onError = (e: unknown) => toast(errorMessage(e), { kind: 'error' });

  const reset = useMutation({
    mutationFn: () => authApi.resetPassword(user.id),
    onSuccess: (g) => {
      setConfirm(null);
      setGenerated(g);
      refresh();
    },
    onError,
  });
  const deactivate = useMutation({
    mutationFn: () => authApi.deactivate(user.id),
    onSuccess: () => {
      setConfirm(null);
      toast(`${user.name} can no longer sign in; their sessions and API tokens have ended`, { kind: 'success' });
      refresh();
    },
    onError,
  });
  const reactivate = useMutation({
    mutationFn: () => authApi.reactivate(user.id),
    onSuccess: () => {
      toast(`${user.name} can sign in again with their password`, { kind: 'success' });
      refresh();
    },
    onError,
  });
  const setAdmin = useMutation({
    mutationFn: (isAdmin: boolean) => authApi.setAdmin(user.id, isAdmin),
    onSuccess: (u) => {
      toast(u.isAdmin ? `${u.name} is now a workspace admin` : `${u.name} is no longer an admin`, { kind: 'success' });
      refresh();
      if (isMe) void queryClient.invalidateQueries({ queryKey: keys.me });
    },
    onError,
  });

  const active = !user.deactivatedAt;
  return (
    <>
      <Menu
        label="Manage"
        ariaLabel={`Manage ${user.name}`}
        align="end"
        triggerClassName="btn btn-sm btn-ghost"
        items={[
          { id: 'reset', label: 'Reset password…', disabled: !active },
          user.isAdmin ? { id: 'revoke-admin', label: 'Remove admin' } : { id: 'grant-admin', label: 'Make admin', disabled: !active },
          active ? { id: 'deactivate', label: 'Deactivate…', danger: true, disabled: isMe } : { id: 'reactivate', label: 'Reactivate' },
        ]}
        onSelect={(id) => {
          if (id === 'reset') setConfirm('reset');
          else if (id === 'deactivate') setConfirm('deactivate');
          else if (id === 'reactivate') reactivate.mutate();
          else if (id === 'grant-admin') setAdmin.mutate(true);
          else if (id === 'revoke-admin') setAdmin.mutate(false);
        }}
      />

      <Dialog
        open={confirm === 'reset'}
        onClose={() => setConfirm(null)}
        title={`Reset ${user.name}’s password?`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button variant="danger" busy={reset.isPending} onClick={() => reset.mutate()}>
              Reset password
            </Button>
          </>
        }
      >
        <p>
          Ordo makes up a new password and shows it to you once, to hand over. {user.name} is signed out everywhere and every API token of
          theirs stops working.
        </p>
      </Dialog>

      <Dialog
        open={confirm === 'deactivate'}
        onClose={() => setConfirm(null)}
        title={`Deactivate ${user.name}?`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button variant="danger" busy={deactivate.isPending} onClick={() => deactivate.mutate()}>
              Deactivate
            </Button>
          </>
        }
      >
        <p>
          {user.name} is signed out at once, their API tokens are revoked and they cannot sign in. Their name stays on everything they did.
          You can reactivate them later.
        </p>
      </Dialog>

      <Dialog
        open={generated !== null}
        onClose={() => setGenerated(null)}
        title={`New password for ${user.name}`}
        footer={
          <Button variant="primary" onClick={() => setGenerated(null)}>
            Done
          </Button>
        }
      >
        {generated && (
          <div className="stack generated-password">
            <p>Copy it now and give it to {user.name}: it is shown only this once.</p>
            <div className="row">
              <code className="mono generated-password-value" data-testid="generated-password">
                {generated.password}
              </code>
              <Button
                size="sm"
                onClick={() =>
                  navigator.clipboard.writeText(generated.password).then(
                    () => toast('Copied', { kind: 'success' }),
                    () => toast('Copying was refused by the browser; select the password and copy it', { kind: 'error' }),
                  )
                }
              >
                Copy
              </Button>
            </div>
            <p className="muted">
              Signed out of {plural(generated.sessionsEnded, 'session')}; {plural(generated.tokensRevoked, 'API token')} revoked.
            </p>
          </div>
        )}
      </Dialog>
    </>
  );
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

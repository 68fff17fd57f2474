import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  DIGEST_CHOICES,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { notificationsApi } from '../../api/notifications';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';

const CHANNELS: Array<{ value: NotificationChannel; label: string }> = [
  { value: 'in_app', label: 'In Ordo' },
  { value: 'email', label: 'And by e-mail' },
  { value: 'off', label: 'Off' },
];

const DIGEST_LABELS: Record<number, string> = {
  0: 'Each at once',
  15: 'At most every 15 minutes',
  60: 'At most hourly',
  240: 'At most every 4 hours',
  1440: 'At most daily',
};

/** Per kind: in Ordo, in Ordo and by e-mail, or off; and how often e-mail may come. Saved as chosen. */
export function NotificationSettings() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: keys.notificationSettings, queryFn: notificationsApi.settings });
  /** Choices made and not yet confirmed by the server: React state, so a radio shows its click in the same event. */
  const [pending, setPending] = useState<{ digestMinutes?: number; kinds: Partial<Record<NotificationKind, NotificationChannel>> }>({
    kinds: {},
  });
  const save = useMutation({ mutationFn: notificationsApi.updateSettings });
  const choose = (change: { digestMinutes?: number; kinds?: Partial<Record<NotificationKind, NotificationChannel>> }) => {
    const forget = () =>
      setPending((p) => ({
        digestMinutes: change.digestMinutes !== undefined ? undefined : p.digestMinutes,
        kinds: Object.fromEntries(Object.entries(p.kinds).filter(([k]) => !(change.kinds && k in change.kinds))),
      }));
    setPending((p) => ({ digestMinutes: change.digestMinutes ?? p.digestMinutes, kinds: { ...p.kinds, ...change.kinds } }));
    save.mutate(change, {
      onSuccess: (fresh) => {
        queryClient.setQueryData(keys.notificationSettings, fresh);
        forget();
        toast('Saved', { kind: 'success' });
      },
      onError: (e) => {
        forget();
        toast(errorMessage(e), { kind: 'error' });
      },
    });
  };

  if (settings.isPending) return <SkeletonRows count={8} height={40} />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const { email } = settings.data;
  const digestMinutes = pending.digestMinutes ?? settings.data.digestMinutes;
  const kinds = { ...settings.data.kinds, ...pending.kinds };

  return (
    <div className="notification-settings">
      <table className="channel-table">
        <thead>
          <tr>
            <th scope="col">Tell me when…</th>
            {CHANNELS.map((c) => (
              <th key={c.value} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind: NotificationKind) => (
            <tr key={kind}>
              <th scope="row">{NOTIFICATION_KIND_LABELS[kind]}</th>
              {CHANNELS.map((c) => {
                const unavailable = c.value === 'email' && !email.available;
                return (
                  <td key={c.value}>
                    <input
                      type="radio"
                      name={`channel-${kind}`}
                      aria-label={`${NOTIFICATION_KIND_LABELS[kind]}: ${c.label}`}
                      checked={kinds[kind] === c.value}
                      disabled={unavailable}
                      title={unavailable ? 'E-mail is not set up on this server' : undefined}
                      onChange={() => choose({ kinds: { [kind]: c.value } })}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      {email.available ? (
        <div className="digest-setting">
          <label htmlFor="digest">E-mail to {email.address}</label>
          <select id="digest" className="select" value={digestMinutes} onChange={(e) => choose({ digestMinutes: Number(e.target.value) })}>
            {[...new Set<number>([...DIGEST_CHOICES, digestMinutes])].map((m) => (
              <option key={m} value={m}>
                {DIGEST_LABELS[m] ?? `At most every ${m} minutes`}
              </option>
            ))}
          </select>
          <p className="muted">
            With a digest, what arrives meanwhile comes in one e-mail, and what you have already read in Ordo is left out.
          </p>
        </div>
      ) : (
        <p className="muted notification-settings-note">
          E-mail is not set up on this server, so notifications reach you in Ordo only. An admin turns e-mail on by starting Ordo with
          SMTP_URL (see the README).
        </p>
      )}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { TAccountAction } from '@ordo/contract';
import { authApi } from '../../api/auth';
import { keys } from '../../api/keys';
import { formatDate } from '../../ui/time';

const WORDS: Record<TAccountAction, string> = {
  password_reset: 'reset the password of',
  deactivated: 'deactivated',
  reactivated: 'reactivated',
  admin_granted: 'made an admin:',
  admin_revoked: 'removed admin from',
};

/** The latest admin actions on accounts: who reset, deactivated or promoted whom, and when. */
export function AccountAudit() {
  const audit = useQuery({ queryKey: keys.accountAudit, queryFn: authApi.accountAudit });
  const items = audit.data?.items.slice(0, 20) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="account-audit" aria-labelledby="account-audit-title">
      <h2 id="account-audit-title">Recent account changes</h2>
      <ul>
        {items.map((e) => (
          <li key={e.id}>
            <span>
              {e.actor?.name ?? 'The command line'} {WORDS[e.action]} <strong>{e.user.name}</strong>
            </span>
            <span className="faint">{formatDate(e.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

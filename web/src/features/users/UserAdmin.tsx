import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Field } from '../../ui/Field';
import { PasswordField } from '../../ui/PasswordField';
import { useMe } from '../../api/queries';
import { AccountActions } from './AccountActions';
import { AccountAudit } from './AccountAudit';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { formatDate } from '../../ui/time';
import './users.css';

const EMPTY = { email: '', name: '', password: '', isAdmin: false };

/**
 * The workspace's people, for admins: everyone who can sign in, and a form to add someone with a
 * first password to hand over. Roles per product are given in each product's settings.
 */
export function UserAdmin() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: keys.users, queryFn: authApi.users });
  const meId = useMe().data?.id;
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: authApi.createUser,
    onSuccess: (u) => {
      toast(`${u.name} can now sign in as ${u.email}; add them to products in each product's settings`, { kind: 'success' });
      setForm(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });
  const fields = isApiError(create.error) ? create.error.fields : {};
  const general = create.error && Object.keys(fields).length === 0 ? create.error.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };

  return (
    <div className="stack" style={{ gap: 24 }}>
      <form className="user-create" onSubmit={submit} noValidate aria-label="Add a person">
        <Field
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fields.name}
          autoComplete="off"
        />
        <Field
          label="Email"
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fields.email}
          autoComplete="off"
        />
        <PasswordField
          label="First password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fields.password}
          hint="At least 8 characters; they can change it on their profile"
          autoComplete="new-password"
        />
        <label className="user-admin-flag">
          <input type="checkbox" checked={form.isAdmin} onChange={(e) => setForm({ ...form, isAdmin: e.target.checked })} />
          Workspace admin (sees and manages every product)
        </label>
        <div className="row" style={{ gap: 12 }}>
          <Button
            type="submit"
            variant="primary"
            busy={create.isPending}
            disabled={!form.name.trim() || !form.email.trim() || !form.password}
          >
            Add person
          </Button>
          {general && (
            <span className="field-error" role="alert">
              {general}
            </span>
          )}
        </div>
      </form>

      {users.isPending ? (
        <SkeletonRows count={4} />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <table className="table users-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="user-email">Email</th>
              <th>Workspace role</th>
              <th className="user-since">Since</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id} className={u.deactivatedAt ? 'is-deactivated' : undefined}>
                <td>
                  <span className="row" style={{ gap: 8 }}>
                    <Avatar name={u.name} size={20} />
                    {u.name}
                    {u.id === meId && <span className="faint">(you)</span>}
                  </span>
                  <span className="user-email-inline muted">{u.email}</span>
                </td>
                <td className="muted user-email">{u.email}</td>
                <td>
                  {u.isAdmin ? 'Admin' : 'Member'}
                  {u.deactivatedAt && <span className="user-deactivated">Deactivated {formatDate(u.deactivatedAt)}</span>}
                </td>
                <td className="muted user-since">{formatDate(u.createdAt)}</td>
                <td className="user-actions">
                  <AccountActions user={u} isMe={u.id === meId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AccountAudit />
    </div>
  );
}

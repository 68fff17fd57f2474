import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { PasswordField } from '../../ui/PasswordField';
import { useToast } from '../../ui/Toast';

/** A new password, given the current one; every other session of yours ends, this one stays. */
export function PasswordChange() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => authApi.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      toast('Password changed; you were signed out everywhere else', { kind: 'success' });
      void queryClient.invalidateQueries({ queryKey: keys.sessions });
    },
  });
  const fields = isApiError(change.error) ? change.error.fields : {};
  const general = change.error && Object.keys(fields).length === 0 ? change.error.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form className="profile-form" onSubmit={submit} noValidate aria-label="Change password">
      <PasswordField
        label="Current password"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
        autoComplete="current-password"
      />
      <PasswordField
        label="New password"
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={fields.newPassword}
        hint="At least 8 characters"
        autoComplete="new-password"
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={change.isPending} disabled={!currentPassword || newPassword.length < 8}>
          Change password
        </Button>
        {general && (
          <span className="field-error" role="alert">
            {general}
          </span>
        )}
      </div>
    </form>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { useMe } from '../../api/queries';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';

/** Your name (shown on everything you do) and the e-mail you sign in with. */
export function ProfileDetails() {
  const me = useMe().data;
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(me?.name ?? '');
  const [email, setEmail] = useState(me?.email ?? '');
  const save = useMutation({
    mutationFn: () => authApi.updateProfile({ name, email }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.me, updated);
      setName(updated.name);
      setEmail(updated.email);
      toast('Profile saved', { kind: 'success' });
    },
  });
  if (!me) return null;
  const fields = isApiError(save.error) ? save.error.fields : {};
  const general = save.error && Object.keys(fields).length === 0 ? save.error.message : undefined;
  const changed = name.trim() !== me.name || email.trim().toLowerCase() !== me.email;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="profile-form" onSubmit={submit} noValidate aria-label="Name and e-mail">
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} autoComplete="name" />
      <Field
        label="E-mail"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fields.email}
        hint="You sign in with it; notifications go to it"
        autoComplete="email"
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!changed || !name.trim() || !email.trim()}>
          Save
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

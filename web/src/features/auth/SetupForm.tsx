import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useSignedIn } from './useSignedIn';

/** Creates the first admin with the one-time token from the server log. */
export function SetupForm() {
  const [form, setForm] = useState({ token: '', name: '', email: '', password: '' });
  const signedIn = useSignedIn();
  const setup = useMutation({ mutationFn: authApi.setup, onSuccess: signedIn });
  const fields = isApiError(setup.error) ? setup.error.fields : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setup.mutate({ ...form, token: form.token.trim() });
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      {setup.error && Object.keys(fields).length === 0 && (
        <div className="form-error" role="alert">
          {setup.error.message}
        </div>
      )}
      <Field
        label="Setup token"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        className="mono-input"
        value={form.token}
        onChange={set('token')}
        error={fields.token}
        hint="Printed in the server log when Ordo started."
      />
      <Field label="Your name" autoComplete="name" value={form.name} onChange={set('name')} error={fields.name} />
      <Field label="Email" type="email" autoComplete="username" value={form.email} onChange={set('email')} error={fields.email} />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={set('password')}
        error={fields.password}
        hint="At least 8 characters."
      />
      <Button type="submit" variant="primary" busy={setup.isPending}>
        Create admin and sign in
      </Button>
    </form>
  );
}

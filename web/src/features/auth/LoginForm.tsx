import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useSignedIn } from './useSignedIn';

export function LoginForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signedIn = useSignedIn();
  const login = useMutation({ mutationFn: authApi.login, onSuccess: signedIn });
  const fields = isApiError(login.error) ? login.error.fields : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      {login.error && !fields.email && !fields.password && (
        <div className="form-error" role="alert">
          {login.error.message}
        </div>
      )}
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fields.email}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" variant="primary" busy={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}

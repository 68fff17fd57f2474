import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi, type TCreatedToken } from '../../api/auth';
import { errorMessage, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Field } from '../../ui/Field';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { formatDate } from '../../ui/time';
import './tokens.css';

/** Personal API tokens: create one (its secret is shown this once), see when each was used, revoke. */
export function TokenList() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: authApi.tokens });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const create = useMutation({
    mutationFn: authApi.createToken,
    onSuccess: (t) => {
      setCreated(t);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: authApi.revokeToken,
    onSuccess: () => {
      toast('Token revoked; anything using it is now refused', { kind: 'success' });
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
  });
  const fields = isApiError(create.error) ? create.error.fields : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name);
  };

  return (
    <div className="stack" style={{ gap: 24 }}>
      <form className="token-create" onSubmit={submit} noValidate>
        <Field
          label="New token"
          placeholder="What will use it, e.g. CI export"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name ?? (create.error ? errorMessage(create.error) : undefined)}
        />
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!name.trim()}>
          Create token
        </Button>
      </form>

      {created && (
        <div className="token-secret" role="status">
          <p>
            <strong>Copy the token for “{created.name}” now.</strong> It is shown only this once; Ordo keeps only a hash of it.
          </p>
          <div className="row">
            <code className="mono token-value" data-testid="token-secret">
              {created.token}
            </code>
            <Button
              size="sm"
              onClick={() =>
                navigator.clipboard.writeText(created.token).then(
                  () => toast('Copied', { kind: 'success' }),
                  () => toast('Copying was refused by the browser; select the token and copy it', { kind: 'error' }),
                )
              }
            >
              Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
          <p className="muted">
            Use it as <code className="mono">Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      )}

      {tokens.isPending ? (
        <SkeletonRows count={3} />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <p className="muted">No tokens yet. A token lets scripts and the CLI use the API as you.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="mono">{t.prefix}…</td>
                <td className="muted">{formatDate(t.createdAt)}</td>
                <td className="muted">{t.lastUsedAt ? formatDate(t.lastUsedAt) : 'never'}</td>
                <td style={{ textAlign: 'right' }}>
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => revoke.mutate(t.id)}
                    busy={revoke.isPending && revoke.variables === t.id}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { Button } from './Button';

/** A failed load in words, with the way out: retry, or what to check. */
export function ErrorState({
  error,
  onRetry,
  title,
  action,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  action?: ReactNode;
}) {
  const notFound = isApiError(error) && error.status === 404;
  return (
    <div className="empty-state error-state" role="alert">
      <h2>{title ?? (notFound ? 'Not found' : 'This could not be loaded')}</h2>
      <p className="muted">
        {errorMessage(error).replace(/([^.!?])$/, '$1.')}
        {notFound && ' It may have been removed, or you may not have access to it.'}
      </p>
      {((onRetry && !notFound) || action) && (
        <div className="empty-state-action">
          {onRetry && !notFound && <Button onClick={onRetry}>Try again</Button>}
          {action}
        </div>
      )}
    </div>
  );
}

import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';

/** A page that crashed: said in words, with a way back. The details go to the console. */
export function RouteErrorPage() {
  const error = useRouteError();
  console.error(error);
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <EmptyState
      title={missing ? 'There is no page here' : 'This page stopped working'}
      action={
        <Button variant="primary" onClick={() => window.location.assign('/')}>
          Go to your products
        </Button>
      }
    >
      {missing
        ? 'The address may be mistyped, or the page may have moved.'
        : 'Something unexpected happened while showing it. Reloading usually helps; your data is safe on the server.'}
    </EmptyState>
  );
}

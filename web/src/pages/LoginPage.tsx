import { Navigate } from 'react-router';
import { useMe } from '../api/queries';
import { AuthCard } from '../features/auth/AuthCard';
import { LoginForm } from '../features/auth/LoginForm';
import { useNextPath } from '../features/auth/useSignedIn';
import { useSetupStatus } from '../features/auth/useSetupStatus';

export function LoginPage() {
  const me = useMe();
  const setup = useSetupStatus();
  const next = useNextPath();
  if (me.data) return <Navigate to={next} replace />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  return (
    <AuthCard title="Sign in" lead="Welcome back. Your backlog is where you left it.">
      <LoginForm />
    </AuthCard>
  );
}

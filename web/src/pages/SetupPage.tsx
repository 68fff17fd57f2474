import { Navigate } from 'react-router';
import { AuthCard } from '../features/auth/AuthCard';
import { SetupForm } from '../features/auth/SetupForm';
import { useSetupStatus } from '../features/auth/useSetupStatus';
import { Skeleton } from '../ui/Skeleton';

export function SetupPage() {
  const setup = useSetupStatus();
  if (setup.data && !setup.data.needsSetup) return <Navigate to="/login" replace />;
  return (
    <AuthCard title="Set up Ordo" lead="Create the admin account. You will add products and invite your team next.">
      {setup.isPending ? <Skeleton height={200} /> : <SetupForm />}
    </AuthCard>
  );
}

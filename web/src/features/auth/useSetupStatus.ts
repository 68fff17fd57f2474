import { useQuery } from '@tanstack/react-query';
import { authApi } from '../../api/auth';
import { keys } from '../../api/keys';

export function useSetupStatus(enabled = true) {
  return useQuery({ queryKey: keys.setup, queryFn: authApi.setupStatus, staleTime: Infinity, enabled });
}

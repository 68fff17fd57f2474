import { useMutation, useQuery } from '@tanstack/react-query';
import { importsApi, type ImportRequest, type TImportJob } from '../../api/imports';
import { keys } from '../../api/keys';

/**
 * Uploads a file as an import job (a dry run or the real thing) and follows the job until it has
 * finished: the job's progress is polled twice a second while it runs.
 */
export function useImportJob() {
  const start = useMutation({
    mutationFn: ({ file, request }: { file: Blob; request: ImportRequest }) => importsApi.upload(file, request),
  });
  const id = start.data?.id ?? null;
  const job = useQuery({
    queryKey: keys.importJob(id ?? 0),
    queryFn: () => importsApi.get(id!),
    enabled: id !== null,
    initialData: start.data,
    refetchInterval: (q) => ((q.state.data as TImportJob | undefined)?.status === 'running' ? 500 : false),
  });
  return {
    start: (file: Blob, request: ImportRequest) => start.mutate({ file, request }),
    reset: start.reset,
    uploading: start.isPending,
    uploadError: start.error,
    job: id === null ? undefined : job.data,
  };
}

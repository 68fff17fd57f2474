import { endpoints, pathOf, type ResponseOf } from '@ordo/contract';
import { ApiError, call } from './client';

export type TImportJob = ResponseOf<typeof endpoints.imports.get>;
export type TImportReport = NonNullable<TImportJob['report']>;
export type ImportFormat = TImportJob['format'];

export interface ImportRequest {
  key: string;
  format: ImportFormat;
  dryRun: boolean;
  /** `Source status=Ordo state` pairs */
  map: string[];
  name?: string;
  archived?: 'done' | 'skip';
}

export const importsApi = {
  get: (id: number) => call(endpoints.imports.get, { params: { id } }),

  /**
   * Sends the file itself as the body (the browser streams it; `call` would send JSON), with each
   * mapping as its own `map` parameter, since a status name may hold a comma.
   */
  async upload(file: Blob, r: ImportRequest): Promise<TImportJob> {
    const query = new URLSearchParams({ format: r.format, dryRun: String(r.dryRun) });
    for (const pair of r.map) query.append('map', pair);
    if (r.name) query.set('name', r.name);
    if (r.archived) query.set('archived', r.archived);
    let res: Response;
    try {
      res = await fetch(`${pathOf(endpoints.imports.create.path, { key: r.key })}?${query}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
        body: file,
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'network', 'Ordo cannot be reached. Check your connection and try again.');
    }
    const body = (await res.json().catch(() => undefined)) as
      TImportJob | { error?: { code: string; message: string; details?: unknown } } | undefined;
    if (res.ok) return body as TImportJob;
    const error = (body as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `http_${res.status}`,
      error?.message ?? `The upload failed (HTTP ${res.status}).`,
      error?.details,
    );
  },
};

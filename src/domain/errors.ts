/** The one error type services throw; src/http/errors.ts maps each code to a status once. */
export type AppErrorCode =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: stale version or duplicate
  | 'too_large' // 413
  | 'rule_violation' // 422: a domain rule (WIP limit, Definition of Ready/Done, …)
  | 'rate_limited'; // 429

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do that') => new AppError('forbidden', message);
export const invalid = (field: string, message: string) =>
  new AppError('validation', `${field}: ${message}`, { fields: [{ path: field, message }] });

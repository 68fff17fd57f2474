import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../domain/errors.js';
import { isRetryableConflict, isUniqueViolation } from '../db/errors.js';
// Zod's messages in Ordo's words, for every schema the server checks.
import './validation-messages.js';

export const STATUS: Record<AppErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rule_violation: 422,
  rate_limited: 429,
};

/** A Zod failure as the one error shape, naming each failing field by its path. */
export function validationError(where: 'body' | 'query' | 'params', error: z.ZodError): AppError {
  const fields = error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : where,
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  const first = fields[0]!;
  return new AppError('validation', `${first.path}: ${first.message}`, { in: where, fields });
}

/** Maps every error to `{ error: { code, message, details } }`, once, for the whole app. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      const retryAfter = (err.details as { retryAfter?: unknown } | undefined)?.retryAfter;
      if (err.code === 'rate_limited' && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.code(STATUS[err.code]).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    // A unique index refused a write no service expected to race: the other writer won, so it is a conflict, not our fault.
    if (isUniqueViolation(err))
      return reply.code(409).send({ error: { code: 'conflict', message: 'Someone else just made the same thing; reload and try again' } });
    if (isRetryableConflict(err))
      return reply.code(409).send({ error: { code: 'conflict', message: 'Others are changing the same things right now; try again' } });
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.code(413).send({ error: { code: 'too_large', message: 'The request body is too large' } });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 415 ? 'unsupported_media_type' : fe.statusCode === 404 ? 'not_found' : 'bad_request';
      return reply.code(fe.statusCode).send({ error: { code, message: publicMessage(fe) } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}

function publicMessage(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Send JSON (Content-Type: application/json)';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The JSON body is empty';
  if (err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError) return `The body is not valid JSON: ${err.message}`;
  return err.message;
}

import type { ServiceContext } from './context.js';
import type { OutboxHandler } from './outbox-worker.js';

/**
 * Every kind of outbox job a server process does, by kind. A feature that writes jobs with
 * `enqueueJob` adds its handler here; `ordo serve` runs them (src/cli/serve.ts).
 */
export function outboxHandlers(_ctx: ServiceContext): Record<string, OutboxHandler> {
  return {};
}

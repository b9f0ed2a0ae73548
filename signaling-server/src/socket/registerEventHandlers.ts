import {
  apiError,
  CLIENT_EVENT_NAMES,
  clientEventSchemas,
  firstErrorCode,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type ErrorCode,
  type Result,
} from '@wava/protocol';
import type { Logger } from 'pino';
import { AppError } from '../errors/AppError.js';
import type { Metrics } from '../observability/createMetrics.js';
import type { TokenBucket } from './createTokenBucket.js';
import type { WavaSocket } from './socketTypes.js';

/** One handler per client event: gets the validated payload, returns the ack's data or throws an AppError. */
export type EventHandlers = {
  [E in ClientEventName]: (payload: ClientPayload<E>) => Promise<ClientReply<E>>;
};

/**
 * Wires every client event: an event without an ack function is ignored, the rate limit is applied, the
 * payload is validated with the protocol schema, and the outcome always comes back as a `Result`. A handler
 * that throws something unexpected answers INTERNAL and is logged; it never takes the server down.
 * Events of one connection are handled one at a time, in order. Unknown events have no listener.
 */
export function registerEventHandlers(
  socket: WavaSocket,
  handlers: EventHandlers,
  deps: { bucket: TokenBucket; metrics: Metrics; logger: Logger; serial: (task: () => Promise<void>) => void },
): void {
  const { bucket, metrics, logger, serial } = deps;
  const on = socket.on.bind(socket) as unknown as (event: string, listener: (...args: unknown[]) => void) => void;

  for (const event of CLIENT_EVENT_NAMES) {
    on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const payload = args.length >= 2 ? args[0] : undefined;
      const done = metrics.startEvent(event);
      const reply = (result: Result<unknown>) => {
        done(result.ok ? 'ok' : result.error.code);
        try {
          (ack as (reply: Result<unknown>) => void)(result);
        } catch (error) {
          logger.warn({ err: error, event }, 'ack failed');
        }
      };
      const failure = (code: ErrorCode, retryAfterMs: number | null = null): Result<unknown> => ({
        ok: false,
        error: apiError(code, retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000))),
      });

      if (!bucket.take()) return reply(failure('RATE_LIMITED'));
      const parsed = clientEventSchemas[event].safeParse(payload);
      if (!parsed.success) return reply(failure(firstErrorCode(parsed.error)));
      const handler = handlers[event] as (payload: unknown) => Promise<unknown>;
      serial(async () => {
        try {
          reply({ ok: true, data: await handler(parsed.data) });
        } catch (error) {
          if (error instanceof AppError) return reply(failure(error.code, error.retryAfterMs));
          logger.error({ err: error, event, userId: socket.data.user?.id }, 'socket event failed');
          reply(failure('INTERNAL'));
        }
      });
    });
  }
}

import {
  apiError,
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

/** What handles one connection's events, made when its first event arrives (see createSignaling). */
export interface EventHandling {
  handlers: EventHandlers;
  bucket: TokenBucket;
  logger: Logger;
  serial: (task: () => Promise<void>) => void;
}

/**
 * Wires every client event: an event without an ack function is ignored, the rate limit is applied, the
 * payload is validated with the protocol schema, and the outcome always comes back as a `Result`. A handler
 * that throws something unexpected answers INTERNAL and is logged; it never takes the server down.
 * Events of one connection are handled one at a time, in order; unknown events are ignored. It is the one
 * listener every connection shares (`socket.onAny(listener)`, which calls it with the socket as `this`): no
 * closure per event name, nor per connection (heap per idle connection).
 */
export function createEventListener(
  handlingOf: (socket: WavaSocket) => EventHandling,
  deps: { metrics: Metrics },
): (this: WavaSocket, name: unknown, ...args: unknown[]) => void {
  const { metrics } = deps;
  return function onEvent(this: WavaSocket, name: unknown, ...args: unknown[]): void {
    handle(this, name, args);
  };

  function handle(socket: WavaSocket, name: unknown, args: unknown[]): void {
    if (typeof name !== 'string' || !Object.hasOwn(clientEventSchemas, name)) return;
    const event = name as ClientEventName;
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const { handlers, bucket, logger, serial } = handlingOf(socket);
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
  }
}

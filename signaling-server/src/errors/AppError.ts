import type { ErrorCode } from '@wava/protocol';

/**
 * An expected failure with a code from the protocol's closed set. HTTP routes and socket handlers throw it;
 * the edges turn it into `{ error: { code, message } }` (HTTP) or an `{ ok: false }` ack.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    /** For RATE_LIMITED and TOO_MANY_MEETINGS: when trying again makes sense. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(code);
  }
}

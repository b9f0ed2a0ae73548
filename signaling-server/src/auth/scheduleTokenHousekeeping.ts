import type { Logger } from 'pino';
import type { Storage } from '../db/Storage.js';

const EVERY_MS = 6 * 3_600_000;
/** Expired tokens are kept a day longer, so a late replay is still answered as expired rather than unknown. */
const GRACE_MS = 86_400_000;

/** Deletes long-expired refresh tokens now and every few hours. Returns the function that stops it. */
export function scheduleTokenHousekeeping(storage: Storage, logger: Logger, now: () => number): () => void {
  const sweep = () => {
    storage.refreshTokens.deleteExpired(now() - GRACE_MS).then(
      (count) => {
        if (count > 0) logger.info({ count }, 'expired refresh tokens deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'refresh token housekeeping failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

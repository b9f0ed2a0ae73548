import type { Logger } from 'pino';
import type { Storage } from '../db/Storage.js';

const EVERY_MS = 3_600_000;

/**
 * Deletes the chat messages of meetings that ended more than `retentionMs` ago (WAVA_CHAT_RETENTION), now and
 * every hour. Returns the function that stops it.
 */
export function scheduleChatHousekeeping(
  storage: Storage,
  retentionMs: number,
  logger: Logger,
  now: () => number,
): () => void {
  const sweep = () => {
    storage.chatMessages.deleteOfMeetingsEndedBefore(now() - retentionMs).then(
      (count) => {
        if (count > 0) logger.info({ count }, 'chat messages of old meetings deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'chat housekeeping failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

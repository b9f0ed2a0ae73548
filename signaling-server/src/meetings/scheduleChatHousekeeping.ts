import type { Logger } from 'pino';
import type { Storage } from '../db/Storage.js';

const EVERY_MS = 3_600_000;

/**
 * Deletes what is kept of meetings that ended more than `retentionMs` ago (WAVA_CHAT_RETENTION): their chat
 * messages, and their host powers' controls and waiting room setting, which nothing reads once a meeting ended.
 * Now and every hour. Returns the function that stops it.
 */
export function scheduleChatHousekeeping(
  storage: Storage,
  retentionMs: number,
  logger: Logger,
  now: () => number,
): () => void {
  const sweep = () => {
    const before = now() - retentionMs;
    storage.chatMessages.deleteOfMeetingsEndedBefore(before).then(
      (count) => {
        if (count > 0) logger.info({ count }, 'chat messages of old meetings deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'chat housekeeping failed'),
    );
    Promise.all([
      storage.meetingControls.deleteOfMeetingsEndedBefore(before),
      storage.lobbySettings.deleteOfMeetingsEndedBefore(before),
    ]).then(
      ([controls, lobby]) => {
        if (controls + lobby > 0) logger.info({ controls, lobby }, 'settings of old meetings deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'meeting settings housekeeping failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

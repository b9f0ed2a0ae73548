import type { Logger } from 'pino';
import { ACTIVITY_RESOLUTION_MS, type MeetingService } from './createMeetingService.js';

/**
 * Runs `expireIdle` every minute: meetings with people in them are marked active, open meetings that nobody has
 * been in, looked up or joined for WAVA_MEETING_IDLE_TIMEOUT end. Returns the function that stops it.
 */
export function scheduleMeetingExpiry(
  meetings: MeetingService,
  isLive: (meetingId: string) => boolean | Promise<boolean>,
  logger: Logger,
): () => void {
  let running = false;
  const sweep = () => {
    if (running) return;
    running = true;
    meetings
      .expireIdle(isLive)
      .then(
        (count) => {
          if (count > 0) logger.info({ count }, 'idle meetings ended');
        },
        (error: unknown) => logger.warn({ err: error }, 'meeting expiry failed'),
      )
      .finally(() => (running = false));
  };
  const timer = setInterval(sweep, ACTIVITY_RESOLUTION_MS);
  timer.unref();
  return () => clearInterval(timer);
}

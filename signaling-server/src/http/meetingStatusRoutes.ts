import { API_ROUTES, type MeetingStatus } from '@wava/protocol';
import { Router } from 'express';
import { createSlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import { clientIp } from './clientIp.js';
import { sendError } from './sendError.js';

/**
 * Lookups one address may make per minute: plenty for people behind one NAT opening invite links, while
 * guessing codes (26^10 of them) stays hopeless.
 */
export const MEETING_STATUS_LIMIT = Object.freeze({ max: 120, windowMs: 60_000 });

/**
 * GET /api/meetings/:code/status, without sign-in: whether an invite link's meeting is open, has ended or is
 * unknown, so the sign-in screen can say so first. It reveals nothing else (no title, host or participants).
 * Mounted before the signed-in meeting routes.
 */
export function meetingStatusRoutes(deps: { meetings: MeetingService; now: () => number }): Router {
  const limiter = createSlidingWindowLimiter(MEETING_STATUS_LIMIT, deps.now);
  const router = Router();
  router.get(`${API_ROUTES.meetings}/:code/status`, async (req, res) => {
    const limit = limiter.hit(clientIp(req));
    if (!limit.allowed) return sendError(res, 'RATE_LIMITED', limit.retryAfterMs);
    const status: MeetingStatus = { status: await deps.meetings.status(req.params.code) };
    res.setHeader('Cache-Control', 'no-store').json(status);
  });
  return router;
}

import { API_ROUTES, guestSessionRequestSchema, type GuestSession } from '@wava/protocol';
import { Router } from 'express';
import type { SharedLimits } from '../auth/SharedLimits.js';
import { createSlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import { AppError } from '../errors/AppError.js';
import { clientIp } from '../http/clientIp.js';
import { parseBody } from '../http/parseBody.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import type { GuestSessions } from './createGuestSessions.js';
import type { LobbyPolicy } from './LobbyPolicy.js';

/**
 * Guest sessions one address (IPv6: one /64) may start in ten minutes: a family or a meeting room behind one
 * address joins, while minting identities to get round a denial's cooldown or to flood a lobby does not scale.
 */
export const GUEST_SESSION_LIMIT = Object.freeze({ max: 20, windowMs: 10 * 60_000 });

/**
 * POST /api/meetings/:code/guest, without sign-in: a guest session for that one open meeting, when it allows
 * guests. Mounted before the signed-in meeting routes.
 */
export function guestRoutes(deps: {
  meetings: MeetingService;
  guests: GuestSessions;
  policy: LobbyPolicy;
  now: () => number;
  sharedLimits?: Pick<SharedLimits, 'window'>;
}): Router {
  const limiter =
    deps.sharedLimits?.window('guest-sessions', GUEST_SESSION_LIMIT) ??
    createSlidingWindowLimiter(GUEST_SESSION_LIMIT, deps.now);
  const router = Router();
  // GUEST_ROUTES.guestSession(code)
  router.post(`${API_ROUTES.meetings}/:code/guest`, async (req, res) => {
    const ip = clientIp(req);
    const limit = await limiter.hit(ip);
    if (!limit.allowed) throw new AppError('RATE_LIMITED', limit.retryAfterMs);
    const { displayName } = parseBody(guestSessionRequestSchema, req.body ?? {});
    const meeting = await deps.meetings.lookUp(req.params.code, { userId: null, ip });
    if (!(await deps.policy.guestsAllowed(meeting))) throw new AppError('GUESTS_NOT_ALLOWED');
    const { guest, token, expiresAt } = deps.guests.issue(meeting, displayName);
    const session: GuestSession = {
      guest: { id: guest.id, displayName: guest.displayName },
      code: meeting.code,
      accessToken: token,
      expiresAt,
    };
    res.status(201).setHeader('Cache-Control', 'no-store').json(session);
  });
  return router;
}

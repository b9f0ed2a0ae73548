import { API_ROUTES, createMeetingRequestSchema, type CreateMeetingRequest } from '@wava/protocol';
import { Router } from 'express';
import type { AuthService } from '../auth/createAuthService.js';
import type { MeetingWithHost } from '../db/Storage.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import { toMeetingDto } from '../meetings/toMeetingDto.js';
import { clientIp } from './clientIp.js';
import { parseBody } from './parseBody.js';
import { currentUser, requireUser } from './requireUser.js';

/** Create a meeting, look one up by code (guesses limited), end one (host only). */
export function meetingRoutes(deps: {
  auth: AuthService;
  meetings: MeetingService;
  publicUrl: string;
  /** A meeting was created with these settings (the waiting room keeps its own). */
  onCreated?: (meeting: MeetingWithHost, request: CreateMeetingRequest) => Promise<void>;
  /** What the caller may see of a meeting before joining it (the waiting room hides its title and host). */
  seenBy?: (meeting: MeetingWithHost, userId: string) => Promise<MeetingWithHost>;
}): Router {
  const { auth, meetings, publicUrl } = deps;
  const router = Router();
  router.use(API_ROUTES.meetings, requireUser(auth));
  router.post(API_ROUTES.meetings, async (req, res) => {
    const body = parseBody(createMeetingRequestSchema, req.body ?? {});
    const meeting = await meetings.create(currentUser(res), body.title);
    await deps.onCreated?.(meeting, body);
    res.status(201).json(toMeetingDto(meeting, publicUrl));
  });
  router.get(`${API_ROUTES.meetings}/:code`, async (req, res) => {
    const caller = { userId: currentUser(res).id, ip: clientIp(req) };
    const meeting = await meetings.lookUp(req.params.code, caller);
    res.json(toMeetingDto((await deps.seenBy?.(meeting, caller.userId)) ?? meeting, publicUrl));
  });
  router.post(`${API_ROUTES.meetings}/:code/end`, async (req, res) => {
    res.json(toMeetingDto(await meetings.end(currentUser(res), req.params.code), publicUrl));
  });
  return router;
}

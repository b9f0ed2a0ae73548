import type { KeyObject } from 'node:crypto';
import type { CreateMeetingRequest } from '@wava/protocol';
import type { Router } from 'express';
import type { SharedLimits } from '../auth/SharedLimits.js';
import type { LobbySettingsRepository, MeetingWithHost } from '../db/Storage.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import { createGuestSessions } from './createGuestSessions.js';
import { createKnockTickets } from './createKnockTickets.js';
import { createLobby, type Lobby } from './createLobby.js';
import { guestRoutes } from './guestRoutes.js';
import { LOBBY_DENY_COOLDOWN_MS, type LobbyDeps } from './LobbyDeps.js';
import { createDefaultLobbyPolicy, type LobbyPolicy } from './LobbyPolicy.js';

export interface WaitingRoom extends LobbyDeps {
  /** POST /api/meetings/:code/guest: mounted before the signed-in meeting routes. */
  routes: Router;
  /** A meeting was created over HTTP with these settings. */
  meetingCreated(meeting: Pick<MeetingWithHost, 'id'>, request: CreateMeetingRequest): Promise<void>;
  /**
   * The meeting as `userId` may see it before joining: someone who must still knock learns no more than the invite
   * says (no title, no host name).
   */
  meetingSeenBy(meeting: MeetingWithHost, userId: string): Promise<MeetingWithHost>;
}

/** Guests and the waiting room, built once per server: what the HTTP app and Signaling share. */
export function createWaitingRoom(deps: {
  /** The server's JWT secret; guest tokens and knock tickets use keys derived from it. */
  secret: KeyObject;
  meetings: MeetingService;
  /** Where the default policy keeps each meeting's waiting room setting. */
  settings: LobbySettingsRepository;
  now: () => number;
  policy?: LobbyPolicy;
  sharedLimits?: Pick<SharedLimits, 'window'>;
  /** Several servers: the waiting room they share (in Redis). Absent: this process's. */
  lobby?: Lobby;
}): WaitingRoom {
  const policy = deps.policy ?? createDefaultLobbyPolicy(deps.settings);
  const guests = createGuestSessions({ secret: deps.secret, now: deps.now });
  const lobby = deps.lobby ?? createLobby(deps.now);
  return {
    policy,
    guests,
    lobby,
    tickets: createKnockTickets(deps.secret),
    denyCooldownMs: LOBBY_DENY_COOLDOWN_MS,
    routes: guestRoutes({ meetings: deps.meetings, guests, policy, now: deps.now, sharedLimits: deps.sharedLimits }),
    meetingCreated: (meeting, request) => policy.meetingCreated(meeting, { lobby: request.lobby ?? false }),
    async meetingSeenBy(meeting, userId) {
      const seat = { meetingId: meeting.id, hostId: meeting.hostId, userId };
      const waits = (await policy.isRemoved(meeting, userId)) || (await policy.lobbyEnabled(meeting));
      if (!waits || policy.canAdmit(seat) || (await lobby.isAdmitted(meeting.id, userId))) return meeting;
      // Someone not yet let in learns nothing about who runs the meeting: no title, no host's name or user id.
      return { ...meeting, title: '', hostDisplayName: '', hostId: '' };
    },
  };
}

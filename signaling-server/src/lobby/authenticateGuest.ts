import type { ErrorCode } from '@wava/protocol';
import type { MeetingService } from '../meetings/createMeetingService.js';
import type { WavaSocket } from '../socket/socketTypes.js';
import type { GuestSessions } from './createGuestSessions.js';
import { guestUser } from './guestUser.js';

export interface GuestHandshake {
  guests: GuestSessions;
  meetings: Pick<MeetingService, 'status'>;
}

/**
 * The handshake of a guest session: false when `token` is not a guest token (it is then checked as an access
 * token). A guest token connects only while its meeting is open (MEETING_ENDED afterwards: the session dies with
 * the meeting); `done` gets the refusal, or null when the connection is the guest's.
 */
export function authenticateGuest(
  socket: WavaSocket,
  token: string,
  deps: GuestHandshake,
  done: (refusal: ErrorCode | null) => void,
): boolean {
  const guest = deps.guests.verify(token);
  if (!guest) return false;
  deps.meetings.status(guest.code).then(
    (status) => {
      if (status !== 'open') return done(status === 'ended' ? 'MEETING_ENDED' : 'TOKEN_INVALID');
      socket.data.user = guestUser(guest);
      socket.data.sessionId = `guest:${guest.id}`;
      socket.data.guest = guest;
      socket.data.membership = null;
      socket.handshake.auth = {};
      done(null);
    },
    () => done('INTERNAL'),
  );
  return true;
}

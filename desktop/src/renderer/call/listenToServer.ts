import type { ErrorCode, MeetingMode, Participant } from '@wava/protocol';
import { onServerEvent } from './onServerEvent.js';
import type { SignalingChannel } from './signalingChannel.js';

export interface ServerEventHandlers {
  participantJoined(participant: Participant): void;
  participantUpdated(participant: Participant): void;
  participantLeft(peerId: string): void;
  meetingEnded(): void;
  /** The server is restarting; reconnect after this long (null: it did not say). */
  shuttingDown(reconnectAfterMs: number | null): void;
  /** Our sign-in was revoked (signed out elsewhere, or its refresh token replayed); the server disconnects us next. */
  sessionRevoked(code: ErrorCode): void;
  /** Where the meeting's media flows now (mesh or SFU), with this seat's SFU credentials. */
  meetingMode(mode: MeetingMode): void;
  /** This person gets our media through the SFU now (their `sfu:carried`). */
  sfuCarried(peerId: string): void;
}

/** The meeting events our server sends, each checked before it reaches the call; a malformed one is dropped. */
export function listenToServer(signaling: SignalingChannel, handlers: ServerEventHandlers): void {
  onServerEvent(signaling, 'participant:joined', (participant) => handlers.participantJoined(participant));
  onServerEvent(signaling, 'participant:updated', (participant) => handlers.participantUpdated(participant));
  onServerEvent(signaling, 'participant:left', ({ peerId }) => handlers.participantLeft(peerId));
  onServerEvent(signaling, 'meeting:mode', (mode) => handlers.meetingMode(mode));
  onServerEvent(signaling, 'sfu:carried', ({ peerId }) => handlers.sfuCarried(peerId));
  signaling.onServer('meeting:ended', () => handlers.meetingEnded());
  onServerEvent(
    signaling,
    'server:shutdown',
    ({ reconnectAfterMs }) => handlers.shuttingDown(reconnectAfterMs),
    () => handlers.shuttingDown(null),
  );
  // The event itself is the news: a payload we cannot read still ends the sign-in, with the generic sentence.
  onServerEvent(
    signaling,
    'session:revoked',
    ({ code }) => handlers.sessionRevoked(code),
    () => handlers.sessionRevoked('TOKEN_INVALID'),
  );
}

import { serverEventSchemas, type ErrorCode, type MeetingMode, type Participant } from '@wava/protocol';
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
}

/** The meeting events our server sends, each checked before it reaches the call; a malformed one is dropped. */
export function listenToServer(signaling: SignalingChannel, handlers: ServerEventHandlers): void {
  signaling.onServer('participant:joined', (payload) => {
    const parsed = serverEventSchemas['participant:joined'].safeParse(payload);
    if (parsed.success) handlers.participantJoined(parsed.data);
  });
  signaling.onServer('participant:updated', (payload) => {
    const parsed = serverEventSchemas['participant:updated'].safeParse(payload);
    if (parsed.success) handlers.participantUpdated(parsed.data);
  });
  signaling.onServer('participant:left', (payload) => {
    const parsed = serverEventSchemas['participant:left'].safeParse(payload);
    if (parsed.success) handlers.participantLeft(parsed.data.peerId);
  });
  signaling.onServer('meeting:mode', (payload) => {
    const parsed = serverEventSchemas['meeting:mode'].safeParse(payload);
    if (parsed.success) handlers.meetingMode(parsed.data);
  });
  signaling.onServer('meeting:ended', () => handlers.meetingEnded());
  signaling.onServer('server:shutdown', (payload) => {
    const parsed = serverEventSchemas['server:shutdown'].safeParse(payload);
    handlers.shuttingDown(parsed.success ? parsed.data.reconnectAfterMs : null);
  });
  // The event itself is the news: a payload we cannot read still ends the sign-in, with the generic sentence.
  signaling.onServer('session:revoked', (payload) => {
    const parsed = serverEventSchemas['session:revoked'].safeParse(payload);
    handlers.sessionRevoked(parsed.success ? parsed.data.code : 'TOKEN_INVALID');
  });
}

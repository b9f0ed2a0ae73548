import type { ClientToServerEvents, ServerToClientEvents } from '@wava/protocol';
import type { Server, Socket } from 'socket.io';
import type { UserRecord } from '../db/Storage.js';
import type { GuestIdentity } from '../lobby/createGuestSessions.js';

/** Which meeting a connection is in: at most one. */
export interface Membership {
  meetingId: string;
  code: string;
  peerId: string;
  /** The meeting's creator (meetings.host_id). */
  hostId: string;
  /** When this seat joined (ISO 8601): who has been here longest takes over hosting (createModerator). */
  joinedAt: string;
}

/** Between the servers of a deployment (Socket.io's `serverSideEmit`): host actions for seats held elsewhere. */
export interface InterServerEvents {
  moderation: (command: unknown) => void;
}

export interface SocketData {
  /** Who signed in, without the password hash (kept per connection for its lifetime). */
  user: Omit<UserRecord, 'passwordHash'>;
  /** The sign-in (refresh-token family) whose access token opened this connection. */
  sessionId: string;
  membership: Membership | null;
  /** A guest session's connection (no account): good for this one meeting only. Absent for accounts. */
  guest?: GuestIdentity;
}

export type WavaIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WavaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The socket.io room of a meeting's live participants. */
export function meetingRoom(meetingId: string): string {
  return `meeting:${meetingId}`;
}

import type { ClientToServerEvents, ServerToClientEvents } from '@wava/protocol';
import type { Server, Socket } from 'socket.io';
import type { UserRecord } from '../db/Storage.js';

/** Which meeting a connection is in: at most one. */
export interface Membership {
  meetingId: string;
  code: string;
  peerId: string;
  /** The meeting's host (meetings.host_id): who may lower anyone's hand and clear the chat. */
  hostId: string;
}

export interface SocketData {
  /** Who signed in, without the password hash (kept per connection for its lifetime). */
  user: Omit<UserRecord, 'passwordHash'>;
  /** The sign-in (refresh-token family) whose access token opened this connection. */
  sessionId: string;
  membership: Membership | null;
}

export type WavaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type WavaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The socket.io room of a meeting's live participants. */
export function meetingRoom(meetingId: string): string {
  return `meeting:${meetingId}`;
}

import type { ClientToServerEvents, ServerToClientEvents } from '@wava/protocol';
import type { Server, Socket } from 'socket.io';
import type { UserRecord } from '../db/Storage.js';
import type { GuestIdentity } from '../lobby/createGuestSessions.js';

/** Which meeting a connection is in: at most one. */
export interface Membership {
  meetingId: string;
  code: string;
  peerId: string;
  /** The meeting's host (meetings.host_id): who may lower anyone's hand and clear the chat. */
  hostId: string;
}

export interface SocketData {
  user: UserRecord;
  /** The sign-in (refresh-token family) whose access token opened this connection. */
  sessionId: string;
  membership: Membership | null;
  /** A guest session's connection (no account): good for this one meeting only. Absent for accounts. */
  guest?: GuestIdentity;
}

export type WavaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type WavaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The socket.io room of a meeting's live participants. */
export function meetingRoom(meetingId: string): string {
  return `meeting:${meetingId}`;
}

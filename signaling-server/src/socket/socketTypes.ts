import type { ClientToServerEvents, ServerToClientEvents } from '@wava/protocol';
import type { Server, Socket } from 'socket.io';
import type { UserRecord } from '../db/Storage.js';

/** Which meeting a connection is in: at most one. */
export interface Membership {
  meetingId: string;
  code: string;
  peerId: string;
}

export interface SocketData {
  user: UserRecord;
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

import type { JoinResult } from '@wava/protocol';
import { connectSocket, joinReady, type ClientSocket } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { logModes, type ModeLog } from './sfuSupport.js';

/** Someone in a meeting: their socket, every `meeting:mode` it got since it connected, and what their join answered. */
export interface MeetingPerson {
  socket: ClientSocket;
  modes: ModeLog;
  join: JoinResult;
}

/**
 * `user` joins `code` on `server` with a fresh connection, ready (their Peer open), their modes logged from the
 * start; with `firstMode`, once they heard the first `meeting:mode`.
 */
export async function enterMeeting(
  server: Pick<TestServer, 'url'>,
  user: TestUser,
  code: string,
  { firstMode = false } = {},
): Promise<MeetingPerson> {
  const socket = await connectSocket(server.url, user.session.accessToken);
  const modes = logModes(socket);
  const join = await joinReady(socket, code);
  if (firstMode) await modes.next(() => true);
  return { socket, modes, join };
}

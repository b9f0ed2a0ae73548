import type { SfuMode } from '@wava/protocol';
import { newMeeting } from '../support/meetings.js';
import type { ClientSocket } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { isSfu } from './sfuSupport.js';

/** Someone in a meeting on the SFU: their socket and the SFU credentials the server gave them. */
export interface SfuSeat {
  socket: ClientSocket;
  mode: SfuMode;
}

/**
 * A new meeting hosted by the first of `users`, which each of them joins on `server` in turn; once all are in,
 * each one's socket and SFU credentials (so they must be more than the server's SFU threshold).
 */
export async function meetingOnSfu(server: TestServer, users: TestUser[]): Promise<SfuSeat[]> {
  const code = await newMeeting(server.api, users[0]!);
  const seats: MeetingPerson[] = [];
  for (const user of users) seats.push(await enterMeeting(server, user, code));
  return Promise.all(seats.map(async ({ socket, modes }) => ({ socket, mode: (await modes.next(isSfu)) as SfuMode })));
}

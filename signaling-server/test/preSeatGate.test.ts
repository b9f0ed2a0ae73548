import type { JoinResult, PrepareResult, Participant } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { connectSocket, joinReady, recordEvents, request, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * Review: a pre-seat's peer token is a token of the meeting, and `meeting:join` trusts `resume` tokens as "was
 * seated before". Someone who must knock (waiting room) or who is kept out (locked meeting) must not be able to
 * mint one with `meeting:prepare` and walk in with it as a resumed seat.
 */
describe('pre-seats and the meeting gates', () => {
  let server: TestServer;
  let host: TestUser;
  let mallory: TestUser;
  useServerWithUsers({}, ['Host', 'Mallory'], (started, users) => {
    server = started;
    [host, mallory] = users;
  });

  const meeting = (lobby: boolean) => newMeeting(server.api, host, { title: 'Board', lobby });

  /** Mallory's way in: prepare, then "resume" the prepared seat. The error code, or 'joined'. */
  async function sneakIn(code: string): Promise<string> {
    const socket = await connectSocket(server.url, mallory.session.accessToken);
    const prep = await request<PrepareResult>(socket, 'meeting:prepare', { code });
    if (!prep.ok) return prep.error.code;
    const join = await request<JoinResult>(socket, 'meeting:join', {
      code,
      media: { audio: false, video: false },
      resume: { id: prep.data.peer.id, token: prep.data.peer.token },
    });
    return join.ok ? 'joined' : join.error.code;
  }

  it('someone who must knock gets no pre-seat, and so cannot skip the waiting room', async () => {
    const code = await meeting(true);
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    await joinReady(hostSocket, code);
    const heard = recordEvents(hostSocket, ['participant:joined']);
    expect(await sneakIn(code)).toBe('LOBBY_REQUIRED');
    await roundTrip(hostSocket);
    expect(heard.map((e) => (e.payload as Participant).displayName)).not.toContain('Mallory');
  });

  it('a participant gets no pre-seat for a locked meeting, and so cannot get past the lock', async () => {
    const code = await meeting(false);
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    await joinReady(hostSocket, code);
    expect((await request(hostSocket, 'moderation:lock', { locked: true })).ok).toBe(true);
    expect(await sneakIn(code)).toBe('MEETING_LOCKED');
  });

  it('the host still prepares in a locked meeting with a waiting room', async () => {
    const code = await meeting(true);
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    const prep = await request<PrepareResult>(hostSocket, 'meeting:prepare', { code });
    expect(prep.ok).toBe(true);
  });
});

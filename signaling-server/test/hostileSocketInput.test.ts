import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { closeAllSockets, connectSocket, joinMeeting, nextEvent, request } from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('hostile socket input', () => {
  let server: TestServer;
  let user: TestUser;
  useServerWithUsers({}, ['Tester'], (started, users) => {
    server = started;
    [user] = users;
  });

  it('answers bad payloads with a clear ack and keeps serving the connection', async () => {
    const meetingCode = await newMeeting(server.api, user);
    const socket = await connectSocket(server.url, user.session.accessToken);
    const cases: Array<[string, unknown, string]> = [
      ['meeting:join', {}, 'MEETING_NOT_FOUND'],
      ['meeting:join', { code: meetingCode }, 'BAD_REQUEST'],
      ['meeting:join', { code: meetingCode, media: { audio: 'yes', video: true } }, 'BAD_REQUEST'],
      ['meeting:join', { code: meetingCode, media: { audio: true, video: true }, extra: 1 }, 'BAD_REQUEST'],
      ['meeting:join', 'abc-defg-hjk', 'BAD_REQUEST'],
      ['meeting:join', null, 'BAD_REQUEST'],
      ['media:update', { audio: 1 }, 'BAD_REQUEST'],
      ['media:update', { camera: true }, 'BAD_REQUEST'],
      ['peer:ready', { anything: true }, 'BAD_REQUEST'],
      ['ice:refresh', [], 'BAD_REQUEST'],
    ];
    for (const [event, payload, code] of cases) {
      expect(await request(socket, event, payload), `${event} ${JSON.stringify(payload)}`).toEqual({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    // An event without a payload at all.
    const bare = await (socket as unknown as { timeout(ms: number): { emitWithAck(event: string): Promise<unknown> } })
      .timeout(5000)
      .emitWithAck('peer:token');
    expect(bare).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Events without an ack function, and unknown events, are ignored.
    (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('meeting:join', {
      code: meetingCode,
      media: { audio: true, video: true },
    });
    (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('admin:drop-database', {});
    await expect(request(socket, 'admin:drop-database', {}, 300)).rejects.toThrow(/timed out/);
    // The connection still works, and the ack-less join did not join.
    expect((await joinMeeting(socket, meetingCode)).ok).toBe(true);
  }, 15_000);

  it('rate-limits events per connection with RATE_LIMITED acks', async () => {
    const limited = await startTestServer({
      env: { WAVA_SOCKET_EVENTS_PER_SECOND: '1', WAVA_SOCKET_EVENT_BURST: '5' },
    });
    try {
      const limitedUser = await registerUser(limited.api, 'Flooder');
      const socket = await connectSocket(limited.url, limitedUser.session.accessToken);
      const acks = await Promise.all(Array.from({ length: 20 }, () => request(socket, 'ice:refresh', {})));
      const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
      expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(5);
      expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(10);
      // Another connection has its own budget.
      const other = await connectSocket(limited.url, limitedUser.session.accessToken);
      expect((await request(other, 'ice:refresh', {})).ok).toBe(true);
    } finally {
      closeAllSockets();
      await limited.dispose();
    }
  });

  it('drops a message over the size limit without harming other connections', async () => {
    const socket = await connectSocket(server.url, user.session.accessToken);
    const bystander = await connectSocket(server.url, user.session.accessToken);
    const disconnected = nextEvent(socket, 'disconnect');
    (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(
      'media:update',
      { audio: 'x'.repeat(64 * 1024) },
      () => undefined,
    );
    expect(await disconnected).toBeDefined();
    expect((await request(bystander, 'ice:refresh', {})).ok).toBe(true);
  });
});

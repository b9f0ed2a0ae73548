import { API_ROUTES } from '@wava/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, getRaw } from './support/http.js';
import { newMeeting } from './support/meetings.js';
import { io } from 'socket.io-client';
import { closeAllSockets, connectSocket, joinMeeting, type ClientSocket } from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('meeting-code look-ups', () => {
  let server: TestServer;
  useServerWithUsers(
    {
      env: {
        WAVA_LOOKUP_MISSES_PER_USER: '5',
        WAVA_LOOKUP_MISSES_PER_IP: '8',
        WAVA_LOOKUP_WINDOW: '15m',
      },
    },
    [],
    (started) => {
      server = started;
    },
  );

  const lookUp = (user: TestUser, code: string) =>
    getRaw(`${server.url}${API_ROUTES.meeting(code)}`, { authorization: `Bearer ${user.session.accessToken}` });
  let guess = 0;
  /** A well-formed code that matches no meeting (the only meeting here has a random code). */
  const wrongCode = () => {
    guess += 1;
    return `zzz-zzzz-${String.fromCharCode(97 + (guess % 26)).repeat(3)}`;
  };

  it('limits codes that match nothing, per user, and says how long to wait; real codes do not count', async () => {
    const host = await registerUser(server.api, 'Host');
    const guesser = await registerUser(server.api, 'Guesser');
    const code = await newMeeting(server.api, host);
    // Looking up a real meeting any number of times is not guessing.
    for (let i = 0; i < 10; i += 1) expect((await lookUp(guesser, code)).status).toBe(200);

    const concurrent = await Promise.all(Array.from({ length: 20 }, () => lookUp(guesser, wrongCode())));
    expect(concurrent.filter((r) => r.status === 404)).toHaveLength(5);
    const limited = concurrent.filter((r) => r.status === 429);
    expect(limited).toHaveLength(15);
    expect(errorCodeOf(limited[0]!.json)).toBe('RATE_LIMITED');
    expect((limited[0]!.json as { error: { message: string } }).error.message).toBe(
      'Too many attempts. Please try again in 15 minutes.',
    );
    expect(limited[0]!.headers.get('retry-after')).toBe('900');
  });

  it('limits them per address too, across accounts', async () => {
    // The first test used 5 of this address's 8 misses.
    const second = await registerUser(server.api, 'Second');
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await lookUp(second, wrongCode())).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});

describe('meeting-code guesses through the socket', () => {
  let server: TestServer;
  useServerWithUsers(
    {
      env: { WAVA_LOOKUP_MISSES_PER_USER: '3', WAVA_LOOKUP_MISSES_PER_IP: '100', WAVA_LOOKUP_WINDOW: '15m' },
    },
    [],
    (started) => {
      server = started;
    },
  );

  it('are limited like look-ups over HTTP: a few misses, then RATE_LIMITED whatever the code', async () => {
    const host = await registerUser(server.api, 'Host');
    const guesser = await registerUser(server.api, 'Guesser');
    const code = await newMeeting(server.api, host);
    const socket = await connectSocket(server.url, guesser.session.accessToken);
    // Joining a real meeting is not guessing.
    expect((await joinMeeting(socket, code)).ok).toBe(true);
    expect((await socket.timeout(5000).emitWithAck('meeting:leave', {})).ok).toBe(true);

    const answers = [];
    for (const wrong of ['zzz-zzzz-aaa', 'zzz-zzzz-bbb', 'zzz-zzzz-ccc', 'zzz-zzzz-ddd', code]) {
      const reply = await joinMeeting(socket, wrong);
      answers.push(reply.ok ? 'joined' : reply.error.code);
    }
    expect(answers).toEqual([
      'MEETING_NOT_FOUND',
      'MEETING_NOT_FOUND',
      'MEETING_NOT_FOUND',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // The same account's budget over HTTP is spent too.
    const http = await getRaw(`${server.url}${API_ROUTES.meeting('zzz-zzzz-fff')}`, {
      authorization: `Bearer ${guesser.session.accessToken}`,
    });
    expect(http.status).toBe(429);
  });
});

describe('meeting-code guesses through the socket behind a trusted proxy', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        WAVA_TRUST_PROXY: 'loopback',
        WAVA_LOOKUP_MISSES_PER_USER: '100',
        WAVA_LOOKUP_MISSES_PER_IP: '2',
        WAVA_LOOKUP_WINDOW: '15m',
      },
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    closeAllSockets();
    await server.dispose();
  });

  /** A connection that the proxy in front of the server forwards for `clientIp`. */
  function viaProxy(user: TestUser, clientIp: string): Promise<ClientSocket> {
    const socket: ClientSocket = io(server.url, {
      auth: { token: user.session.accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { 'x-forwarded-for': clientIp },
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('count per client address across accounts, not per proxy', async () => {
    const [first, second, elsewhere] = await Promise.all(
      ['First', 'Second', 'Elsewhere'].map((name) => registerUser(server.api, name)),
    );
    const codeOf = async (socket: ClientSocket, code: string) => {
      const reply = await joinMeeting(socket, code);
      return reply.ok ? 'joined' : reply.error.code;
    };
    const a = await viaProxy(first!, '203.0.113.7');
    const b = await viaProxy(second!, '203.0.113.7');
    const c = await viaProxy(elsewhere!, '198.51.100.9');
    expect([await codeOf(a, 'zzz-zzzz-aaa'), await codeOf(b, 'zzz-zzzz-bbb'), await codeOf(b, 'zzz-zzzz-ccc')]).toEqual(
      ['MEETING_NOT_FOUND', 'MEETING_NOT_FOUND', 'RATE_LIMITED'],
    );
    expect(await codeOf(c, 'zzz-zzzz-ddd')).toBe('MEETING_NOT_FOUND');
  });
});

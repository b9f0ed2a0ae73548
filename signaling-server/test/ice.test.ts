import { createHmac } from 'node:crypto';
import { API_ROUTES, iceConfigSchema, type IceConfig } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, getRaw } from './support/http.js';
import { connectSocket, joined, request } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const TURN_SECRET = 'coturn-static-auth-secret-for-tests';

describe('ICE configuration and TURN REST credentials', () => {
  const clock = createTestClock(1_800_000_000_000);
  let server: TestServer;
  let user: TestUser;
  useServerWithUsers(
    {
      now: clock.now,
      env: {
        WAVA_STUN_URLS: 'stun:turn.wava.test:3478',
        WAVA_STUN: 'off',
        WAVA_TURN_URLS: 'turn:turn.wava.test:3478?transport=udp, turns:turn.wava.test:443?transport=tcp',
        WAVA_TURN_SECRET: TURN_SECRET,
        WAVA_TURN_TTL: '2h',
        WAVA_ICE_TRANSPORT_POLICY: 'relay',
      },
    },
    ['Traveller'],
    (started, users) => {
      server = started;
      [user] = users;
    },
  );

  function expectValidTurn(ice: IceConfig, issuedAt: number) {
    expect(iceConfigSchema.parse(ice)).toEqual(ice);
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers[0]).toEqual({ urls: ['stun:turn.wava.test:3478'] });
    const turn = ice.iceServers[1]!;
    expect(turn.urls).toEqual(['turn:turn.wava.test:3478?transport=udp', 'turns:turn.wava.test:443?transport=tcp']);
    const expirySeconds = Math.floor((issuedAt + 2 * 3_600_000) / 1000);
    expect(turn.username).toBe(`${expirySeconds}:${user.session.user.id}`);
    // What coturn computes for use-auth-secret: base64(HMAC-SHA1(static-auth-secret, username)).
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));
    expect(ice.expiresAt).toBe(expirySeconds * 1000);
  }

  it('gives signed-in users the configured servers with short-lived TURN credentials', async () => {
    const ice = await server.api.ice(user.session.accessToken);
    if (!ice.ok) throw new Error(ice.error.code);
    expectValidTurn(ice.data, clock.now());
  });

  it('gives TURN credentials to signed-in users only', async () => {
    const response = await getRaw(`${server.url}${API_ROUTES.ice}`);
    expect(response.status).toBe(401);
    expect(errorCodeOf(response.json)).toBe('UNAUTHENTICATED');
    expect(response.text).not.toContain('turn:');
  });

  it('puts the same configuration in the join result, and ice:refresh renews it before it expires', async () => {
    const meetingCode = await newMeeting(server.api, user);
    const socket = await connectSocket(server.url, user.session.accessToken);
    const result = await joined(socket, meetingCode);
    expectValidTurn(result.ice, clock.now());
    clock.advance(90 * 60_000);
    const refreshed = await request<IceConfig>(socket, 'ice:refresh', {});
    if (!refreshed.ok) throw new Error(refreshed.error.code);
    expectValidTurn(refreshed.data, clock.now());
    expect(refreshed.data.expiresAt).toBeGreaterThan(result.ice.expiresAt!);
  });
});

describe('ICE without TURN', () => {
  it('lists only the configured STUN servers, and none with the built-in responder off: never public servers', async () => {
    const plain = await startTestServer({ env: { WAVA_STUN: 'off' } });
    const withStun = await startTestServer({ env: { WAVA_STUN_URLS: 'stun:stun.wava.test:3478' } });
    try {
      const a = await registerUser(plain.api, 'Local');
      expect(await plain.api.ice(a.session.accessToken)).toEqual({
        ok: true,
        data: { iceServers: [], iceTransportPolicy: 'all', expiresAt: null },
      });
      const b = await registerUser(withStun.api, 'Stunned');
      expect(await withStun.api.ice(b.session.accessToken)).toEqual({
        ok: true,
        data: {
          // The server's own responder first (public URL host, its bound UDP port), then the configured ones.
          iceServers: [{ urls: [`stun:meet.wava.test:${withStun.server.stunPort()}`, 'stun:stun.wava.test:3478'] }],
          iceTransportPolicy: 'all',
          expiresAt: null,
        },
      });
    } finally {
      await Promise.all([plain.dispose(), withStun.dispose()]);
    }
  });
});

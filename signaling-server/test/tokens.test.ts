import { API_ROUTES, type Participant } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, postRaw } from './support/http.js';
import { newMeeting } from './support/meetings.js';
import { connectError, connectSocket, joinReady, nextEvent, recordEvents, request } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { PASSWORD, registerUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('tokens: expiry, refresh rotation, reuse detection, sign-out', () => {
  const clock = createTestClock();
  let server: TestServer;
  useServerWithUsers({ now: clock.now }, [], (started) => {
    server = started;
  });

  it('answers an expired access token with TOKEN_EXPIRED, and a refresh gives a working one', async () => {
    const user = await registerUser(server.api, 'Expiring');
    clock.advance(server.config.accessTokenTtlMs + 1000);
    const expired = await server.api.me(user.session.accessToken);
    expect(!expired.ok && expired.error.code).toBe('TOKEN_EXPIRED');
    const refreshed = await server.api.refresh(user.session.refreshToken);
    expect(refreshed.ok).toBe(true);
    if (!refreshed.ok) return;
    expect(refreshed.data.refreshToken).not.toBe(user.session.refreshToken);
    expect((await server.api.me(refreshed.data.accessToken)).ok).toBe(true);
  });

  it('keeps a connected socket working after its token expires; only new connections need a fresh token', async () => {
    const fay = await registerUser(server.api, 'Fay');
    const gus = await registerUser(server.api, 'Gus');
    const code = await newMeeting(server.api, gus);
    const gusSocket = await connectSocket(server.url, gus.session.accessToken);
    await joinReady(gusSocket, code);
    const faySocket = await connectSocket(server.url, fay.session.accessToken);
    await joinReady(faySocket, code);
    const gusSaw = recordEvents(gusSocket, ['participant:left']);
    const faySaw = recordEvents(faySocket, ['session:revoked']);

    clock.advance(server.config.accessTokenTtlMs + 60 * 60_000);
    expect((await connectError(server.url, { token: fay.session.accessToken })).message).toBe('TOKEN_EXPIRED');

    const updated = nextEvent<Participant>(gusSocket, 'participant:updated');
    expect(await request(faySocket, 'media:update', { video: false })).toMatchObject({ ok: true });
    expect((await updated).media.video).toBe(false);
    expect(await request(faySocket, 'peer:token', {})).toMatchObject({ ok: true });
    expect(faySocket.connected).toBe(true);
    expect(gusSaw).toEqual([]);
    expect(faySaw).toEqual([]);

    // A new connection (a reconnect, another window) refreshes first, as the client does on TOKEN_EXPIRED.
    const refreshed = await server.api.refresh(fay.session.refreshToken);
    if (!refreshed.ok) throw new Error(refreshed.error.code);
    const again = await connectSocket(server.url, refreshed.data.accessToken);
    expect(again.connected).toBe(true);
  });

  it('rotates refresh tokens; presenting a used one revokes the whole family (REFRESH_REUSED)', async () => {
    const user = await registerUser(server.api, 'Rotating');
    const otherDevice = await server.api.login({ username: user.username, password: PASSWORD });
    const first = await server.api.refresh(user.session.refreshToken);
    if (!first.ok) throw new Error(first.error.code);
    const second = await server.api.refresh(first.data.refreshToken);
    if (!second.ok) throw new Error(second.error.code);

    // An attacker replays the first refresh token.
    const replay = await server.api.refresh(user.session.refreshToken);
    expect(!replay.ok && replay.error.code).toBe('REFRESH_REUSED');
    // The whole family is gone, including the newest token of the legitimate client...
    const legit = await server.api.refresh(second.data.refreshToken);
    expect(!legit.ok && legit.error.code).toBe('TOKEN_INVALID');
    // ...but the same person's other sign-in (another family) still works.
    expect(otherDevice.ok && (await server.api.refresh(otherDevice.data.refreshToken)).ok).toBe(true);
  });

  it('answers an unknown refresh token with TOKEN_INVALID and an expired one with TOKEN_EXPIRED', async () => {
    const unknown = await server.api.refresh('not-a-token-we-issued');
    expect(!unknown.ok && unknown.error.code).toBe('TOKEN_INVALID');
    const user = await registerUser(server.api, 'Stale');
    clock.advance(server.config.refreshTokenTtlMs + 1000);
    const stale = await server.api.refresh(user.session.refreshToken);
    expect(!stale.ok && stale.error.code).toBe('TOKEN_EXPIRED');
  });

  it('sign-out revokes the refresh token family; signing out twice is fine', async () => {
    const user = await registerUser(server.api, 'Leaving');
    const rotated = await server.api.refresh(user.session.refreshToken);
    if (!rotated.ok) throw new Error(rotated.error.code);
    const response = await postRaw(
      `${server.url}${API_ROUTES.logout}`,
      JSON.stringify({ refreshToken: rotated.data.refreshToken }),
    );
    expect(response.status).toBe(204);
    expect((await server.api.logout(rotated.data.refreshToken)).ok).toBe(true);
    const after = await server.api.refresh(rotated.data.refreshToken);
    expect(!after.ok && after.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses a refresh body without a token', async () => {
    const response = await postRaw(`${server.url}${API_ROUTES.refresh}`, JSON.stringify({}));
    expect(response.status).toBe(400);
    expect(errorCodeOf(response.json)).toBe('FIELD_MISSING');
  });
});

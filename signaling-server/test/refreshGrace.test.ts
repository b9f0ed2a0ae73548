import { API_ROUTES, authSessionSchema, type AuthSession } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, postRaw } from './support/http.js';
import { connectSocket, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('a refresh repeated within the grace period', () => {
  let server: TestServer;
  const clock = createTestClock();
  useServerWithUsers({ now: clock.now, env: { WAVA_REFRESH_GRACE: '10s' } }, [], (started) => {
    server = started;
  });

  const refresh = (refreshToken: string) =>
    postRaw(`${server.url}${API_ROUTES.refresh}`, JSON.stringify({ refreshToken }));
  const sessionOf = (answer: { status: number; json: unknown }): AuthSession => {
    expect(answer.status).toBe(200);
    return authSessionSchema.parse(answer.json);
  };
  const signedIn = async (session: AuthSession) => (await server.api.me(session.accessToken)).ok;

  it('answers two concurrent refreshes with the same token with the same successor, and keeps the call', async () => {
    const user = await registerUser(server.api, 'Two Tabs');
    const live = await connectSocket(server.url, user.session.accessToken);

    const [first, second] = await Promise.all([refresh(user.session.refreshToken), refresh(user.session.refreshToken)]);
    const a = sessionOf(first);
    const b = sessionOf(second);
    expect(a.refreshToken).toBe(b.refreshToken);
    expect(a.refreshToken).not.toBe(user.session.refreshToken);
    expect(a.refreshTokenExpiresAt).toBe(b.refreshTokenExpiresAt);
    expect(await signedIn(a)).toBe(true);
    expect(await signedIn(b)).toBe(true);
    // The connection made before the refresh is still there: nothing was revoked.
    await roundTrip(live);
    expect(live.connected).toBe(true);
    // And the successor rotates on as usual.
    const next = sessionOf(await refresh(a.refreshToken));
    expect(await signedIn(next)).toBe(true);
  });

  it('answers a retry a few seconds later (the first answer was lost) with the same successor', async () => {
    const user = await registerUser(server.api, 'Lost Answer');
    const lost = sessionOf(await refresh(user.session.refreshToken));
    clock.advance(8_000);
    const retried = sessionOf(await refresh(user.session.refreshToken));
    expect(retried.refreshToken).toBe(lost.refreshToken);
    expect(await signedIn(retried)).toBe(true);
  });

  it('still revokes the whole sign-in for a replay after the grace period', async () => {
    const user = await registerUser(server.api, 'Replayed');
    const live = await connectSocket(server.url, user.session.accessToken);
    const rotated = sessionOf(await refresh(user.session.refreshToken));
    clock.advance(11_000);
    const replay = await refresh(user.session.refreshToken);
    expect(replay.status).toBe(401);
    expect(errorCodeOf(replay.json)).toBe('REFRESH_REUSED');
    expect(await signedIn(rotated)).toBe(false);
    expect(errorCodeOf((await refresh(rotated.refreshToken)).json)).toBe('TOKEN_INVALID');
    await expect.poll(() => live.connected).toBe(false);
  });

  it('revokes a repeat within the grace period once the successor itself was spent', async () => {
    const user = await registerUser(server.api, 'Spent');
    const b = sessionOf(await refresh(user.session.refreshToken));
    const c = sessionOf(await refresh(b.refreshToken));
    const replay = await refresh(user.session.refreshToken);
    expect(errorCodeOf(replay.json)).toBe('REFRESH_REUSED');
    expect(await signedIn(c)).toBe(false);
  });

  it('gives nothing for a signed-out sign-in, even within the grace period', async () => {
    const user = await registerUser(server.api, 'Signed Out');
    const rotated = sessionOf(await refresh(user.session.refreshToken));
    expect((await server.api.logout(rotated.refreshToken)).ok).toBe(true);
    const repeat = await refresh(user.session.refreshToken);
    expect(repeat.status).toBe(401);
    expect(await signedIn(rotated)).toBe(false);
  });
});

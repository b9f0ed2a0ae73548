import { API_ROUTES, LIMITS } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, getRaw, postRaw } from './support/http.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { PASSWORD, registerUser, uniqueUsername } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('registration', () => {
  let server: TestServer;
  useServerWithUsers({}, [], (started) => {
    server = started;
  });

  it('creates an account and signs it in', async () => {
    const username = uniqueUsername('ada');
    const result = await server.api.register({ username, displayName: 'Ada Lovelace', password: PASSWORD });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.user).toMatchObject({ username, displayName: 'Ada Lovelace' });
    expect(result.data.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    expect(result.data.refreshTokenExpiresAt).toBeGreaterThan(result.data.accessTokenExpiresAt);
    const me = await server.api.me(result.data.accessToken);
    expect(me).toEqual({ ok: true, data: result.data.user });
  });

  it('refuses a taken username, whatever its case, with 409 USERNAME_TAKEN', async () => {
    const { username } = await registerUser(server.api, 'Taken');
    const again = await postRaw(
      `${server.url}${API_ROUTES.register}`,
      JSON.stringify({
        username: username.toUpperCase(),
        displayName: 'Someone else',
        password: PASSWORD,
      }),
    );
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ error: { code: 'USERNAME_TAKEN', message: expect.stringContaining('taken') } });
  });

  const bad: Array<[string, Record<string, unknown>, number, string]> = [
    ['a password that is too short', { password: 'x'.repeat(LIMITS.passwordMin - 1) }, 400, 'PASSWORD_TOO_SHORT'],
    ['a password that is too long', { password: 'x'.repeat(LIMITS.passwordMax + 1) }, 400, 'PASSWORD_TOO_LONG'],
    ['an empty username', { username: '' }, 400, 'FIELD_MISSING'],
    ['an empty display name', { displayName: '   ' }, 400, 'FIELD_MISSING'],
    ['an empty password', { password: '' }, 400, 'FIELD_MISSING'],
    ['a missing password', { password: undefined }, 400, 'FIELD_MISSING'],
    ['a too short username', { username: 'ab' }, 400, 'USERNAME_INVALID'],
    ['a username with spaces', { username: 'no spaces here' }, 400, 'USERNAME_INVALID'],
    ['a too long display name', { displayName: 'x'.repeat(LIMITS.displayNameMax + 1) }, 400, 'DISPLAY_NAME_INVALID'],
    ['a password of eight spaces', { password: ' '.repeat(8) }, 400, 'PASSWORD_BLANK'],
    ['a display name with a line break', { displayName: 'Host\nis muted' }, 400, 'DISPLAY_NAME_CHARACTERS'],
    ['a display name with a bidi override', { displayName: 'Eve \u202Etsoh' }, 400, 'DISPLAY_NAME_CHARACTERS'],
    ['a display name of a blank filler letter', { displayName: '\u3164' }, 400, 'DISPLAY_NAME_CHARACTERS'],
  ];
  it.each(bad)('refuses %s', async (_name, override, status, code) => {
    const body = { username: uniqueUsername('bad'), displayName: 'Bad Input', password: PASSWORD, ...override };
    const response = await postRaw(`${server.url}${API_ROUTES.register}`, JSON.stringify(body));
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 BAD_REQUEST and no stack trace', async () => {
    const response = await postRaw(`${server.url}${API_ROUTES.register}`, '{"username": "x",');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    expect(JSON.stringify(response.json)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers a body over the size limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({
      username: 'big',
      displayName: 'x'.repeat(LIMITS.httpBodyMaxBytes),
      password: PASSWORD,
    });
    const response = await postRaw(`${server.url}${API_ROUTES.register}`, body);
    expect(response.status).toBe(413);
    expect(errorCodeOf(response.json)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body that is not a JSON object with 400 BAD_REQUEST', async () => {
    for (const [body, type] of [
      ['[]', 'application/json'],
      ['username=a', 'application/x-www-form-urlencoded'],
      ['', 'text/plain'],
    ]) {
      const response = await postRaw(`${server.url}${API_ROUTES.register}`, body!, { 'content-type': type! });
      expect(response.status).toBe(400);
      expect(errorCodeOf(response.json)).toBe('BAD_REQUEST');
    }
  });
});

describe('sign-in', () => {
  let server: TestServer;
  useServerWithUsers({}, [], (started) => {
    server = started;
  });

  it('signs in with the right password, whatever the username case', async () => {
    const user = await registerUser(server.api, 'Grace');
    const result = await server.api.login({ username: user.username.toUpperCase(), password: PASSWORD });
    expect(result.ok && result.data.user.username).toBe(user.username);
  });

  it('answers a wrong password and an unknown user identically: 401 INVALID_CREDENTIALS', async () => {
    const user = await registerUser(server.api, 'Hopper');
    const wrong = await postRaw(
      `${server.url}${API_ROUTES.login}`,
      JSON.stringify({ username: user.username, password: 'not the password' }),
    );
    const unknown = await postRaw(
      `${server.url}${API_ROUTES.login}`,
      JSON.stringify({ username: uniqueUsername('nobody'), password: 'not the password' }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(unknown.json).toEqual(wrong.json);
  });

  it('refuses empty fields and an oversize password with precise codes', async () => {
    const empty = await server.api.login({ username: '', password: PASSWORD });
    expect(!empty.ok && empty.error.code).toBe('FIELD_MISSING');
    const noPassword = await server.api.login({ username: 'someone', password: '' });
    expect(!noPassword.ok && noPassword.error.code).toBe('FIELD_MISSING');
    const long = await server.api.login({ username: 'someone', password: 'x'.repeat(LIMITS.passwordMax + 1) });
    expect(!long.ok && long.error.code).toBe('PASSWORD_TOO_LONG');
  });

  it('answers /api/me without a token with 401 UNAUTHENTICATED', async () => {
    const response = await getRaw(`${server.url}${API_ROUTES.me}`);
    expect(response.status).toBe(401);
    expect(errorCodeOf(response.json)).toBe('UNAUTHENTICATED');
  });
});

describe('sign-in rate limits', () => {
  it('limits failed sign-ins per username from one address, with Retry-After, and lets the user in after the window', async () => {
    const clock = createTestClock();
    const server = await startTestServer({
      now: clock.now,
      env: { WAVA_LOGIN_MAX_PER_USERNAME: '3', WAVA_LOGIN_WINDOW: '15m' },
    });
    try {
      const victim = await registerUser(server.api, 'Victim');
      const other = await registerUser(server.api, 'Other');
      const attempt = (password: string, username = victim.username) =>
        postRaw(`${server.url}${API_ROUTES.login}`, JSON.stringify({ username, password }));
      for (let i = 0; i < 3; i += 1) expect((await attempt('wrong password')).status).toBe(401);
      const limited = await attempt(PASSWORD);
      expect(limited.status).toBe(429);
      expect(errorCodeOf(limited.json)).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await attempt(PASSWORD, other.username)).status).toBe(200);
      clock.advance(15 * 60_000 + 1000);
      expect((await attempt(PASSWORD)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('limits sign-in attempts per IP address across usernames', async () => {
    const server = await startTestServer({ env: { WAVA_LOGIN_MAX_PER_IP: '4' } });
    try {
      for (let i = 0; i < 4; i += 1) {
        const result = await server.api.login({ username: uniqueUsername('spray'), password: 'whatever-password' });
        expect(!result.ok && result.error.code).toBe('INVALID_CREDENTIALS');
      }
      const limited = await server.api.login({ username: uniqueUsername('spray'), password: 'whatever-password' });
      expect(!limited.ok && limited.error.code).toBe('RATE_LIMITED');
    } finally {
      await server.dispose();
    }
  });
});

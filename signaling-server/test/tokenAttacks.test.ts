import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/createAccessTokens.js';
import { SECRETS_FILE } from '../src/config/loadSecrets.js';
import { DATABASE_FILE } from '../src/createServer.js';
import { connectError, connectSocket } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/** The server's real signing key, read from the secrets file it generated in its data directory. */
function serverKey(dataDir: string) {
  const secrets = JSON.parse(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')) as { jwtSecret: string };
  return createSecretKey(Buffer.from(secrets.jwtSecret, 'base64'));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access token attacks are refused over HTTP and at the socket handshake', () => {
  let server: TestServer;
  let userId: string;
  let sessionId: string;
  let validToken: string;
  useServerWithUsers({}, ['Target'], (started, [user]) => {
    server = started;
    userId = user.session.user.id;
    validToken = user.session.accessToken;
    sessionId = (jwt.decode(validToken) as { sid: string }).sid;
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    sub: userId,
    sid: sessionId,
    iat: now(),
    exp: now() + 600,
    iss: ACCESS_TOKEN_ISSUER,
    aud: ACCESS_TOKEN_AUDIENCE,
  });

  const attacks: Array<[string, () => string, 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'UNAUTHENTICATED']> = [
    ['alg "none"', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, 'TOKEN_INVALID'],
    [
      'alg "none" with the real signature kept',
      () => {
        const [, payload, signature] = validToken.split('.');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`;
      },
      'TOKEN_INVALID',
    ],
    ['a wrong key', () => jwt.sign(claims(), randomBytes(32), { algorithm: 'HS256' }), 'TOKEN_INVALID'],
    [
      'HS512 with the right key',
      () => jwt.sign(claims(), serverKey(server.dataDir), { algorithm: 'HS512' }),
      'TOKEN_INVALID',
    ],
    [
      'the wrong audience',
      () => jwt.sign({ ...claims(), aud: 'someone-else' }, serverKey(server.dataDir), { algorithm: 'HS256' }),
      'TOKEN_INVALID',
    ],
    [
      'the wrong issuer',
      () => jwt.sign({ ...claims(), iss: 'evil' }, serverKey(server.dataDir), { algorithm: 'HS256' }),
      'TOKEN_INVALID',
    ],
    [
      'a tampered payload',
      () => {
        const [header, , signature] = validToken.split('.');
        return `${header}.${b64({ ...claims(), sub: 'someone-else' })}.${signature}`;
      },
      'TOKEN_INVALID',
    ],
    [
      'an expired token',
      () =>
        jwt.sign({ ...claims(), iat: now() - 7200, exp: now() - 3600 }, serverKey(server.dataDir), {
          algorithm: 'HS256',
        }),
      'TOKEN_EXPIRED',
    ],
    ['garbage', () => 'not.a.jwt', 'TOKEN_INVALID'],
    [
      'a sign-in that was never made',
      () => jwt.sign({ ...claims(), sid: randomUUID() }, serverKey(server.dataDir), { algorithm: 'HS256' }),
      'TOKEN_INVALID',
    ],
    [
      'a sign-in that is not a string',
      () => jwt.sign({ ...claims(), sid: 42 }, serverKey(server.dataDir), { algorithm: 'HS256' }),
      'TOKEN_INVALID',
    ],
    [
      // Signed by a server from before tokens named their sign-in: the client refreshes into one that does.
      'a token that names no sign-in, as expired',
      () => jwt.sign({ ...claims(), sid: undefined }, serverKey(server.dataDir), { algorithm: 'HS256' }),
      'TOKEN_EXPIRED',
    ],
  ];

  it.each(attacks)('refuses %s', async (_name, makeToken, code) => {
    const token = makeToken();
    const me = await server.api.me(token);
    expect(me).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    const refused = await connectError(server.url, { token });
    expect(refused.message).toBe(code);
    expect(refused.data).toEqual({ code, message: expect.any(String) });
  });

  it('accepts a correctly signed token (the attacks above fail for the reason tested)', async () => {
    const token = jwt.sign(claims(), serverKey(server.dataDir), { algorithm: 'HS256' });
    expect((await server.api.me(token)).ok).toBe(true);
    const socket = await connectSocket(server.url, token);
    expect(socket.connected).toBe(true);
  });

  it('refuses a handshake without a token with UNAUTHENTICATED', async () => {
    expect((await connectError(server.url, {})).message).toBe('UNAUTHENTICATED');
    expect((await connectError(server.url, { token: 42 })).message).toBe('UNAUTHENTICATED');
  });

  it('refuses the token of a deleted user with TOKEN_INVALID', async () => {
    const doomed = await registerUser(server.api, 'Doomed');
    const db = new Database(join(server.dataDir, DATABASE_FILE));
    db.prepare('DELETE FROM users WHERE id = ?').run(doomed.session.user.id);
    db.close();
    const me = await server.api.me(doomed.session.accessToken);
    expect(!me.ok && me.error.code).toBe('TOKEN_INVALID');
    expect((await connectError(server.url, { token: doomed.session.accessToken })).message).toBe('TOKEN_INVALID');
    const refresh = await server.api.refresh(doomed.session.refreshToken);
    expect(!refresh.ok && refresh.error.code).toBe('TOKEN_INVALID');
  });
});

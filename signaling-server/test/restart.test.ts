import { join } from 'node:path';
import type { JoinResult } from '@wava/protocol';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
import { closeAllPeerSockets, openPeerSocket } from './support/peerSocket.js';
import { closeAllSockets, connectSocket, joined, nextEvent, request } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser } from './support/users.js';

function storedHash(dataDir: string, username: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT password_hash FROM users WHERE username = ?').get(username) as { password_hash: string })
      .password_hash;
  } finally {
    db.close();
  }
}

describe('graceful stop and restart', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('tells connected clients, closes within bounds, and a restart keeps accounts, sessions, meetings and peer ids', async () => {
    const first = await startTestServer();
    const user = await registerUser(first.api, 'Durable');
    const created = await first.api.createMeeting(user.session.accessToken, { title: 'Survives restarts' });
    if (!created.ok) throw new Error(created.error.code);
    const socket = await connectSocket(first.url, user.session.accessToken);
    const before: JoinResult = await joined(socket, created.data.code);
    const peer = await openPeerSocket(first.url, before.peer);
    const peerClosed = new Promise((resolve) => peer.ws.once('close', resolve));
    const shutdownNotice = nextEvent(socket, 'server:shutdown');
    const disconnected = nextEvent<string>(socket, 'disconnect');

    await first.stop();
    expect(await shutdownNotice).toEqual({ reconnectAfterMs: expect.any(Number) });
    // A transport close, not a server-side "io server disconnect": socket.io clients reconnect by themselves.
    expect(await disconnected).toBe('transport close');
    await peerClosed;

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const login = await second.api.login({ username: user.username, password: user.password });
      expect(login.ok && login.data.user.id).toBe(user.session.user.id);
      expect((await second.api.refresh(user.session.refreshToken)).ok).toBe(true);
      expect((await second.api.me(user.session.accessToken)).ok).toBe(true);
      expect(await second.api.getMeeting(user.session.accessToken, created.data.code)).toEqual({
        ok: true,
        data: created.data,
      });

      // The client rejoins with the peer id it held: same id, fresh token, same PeerJS key.
      const again = await connectSocket(second.url, user.session.accessToken);
      const resumed = await request<JoinResult>(again, 'meeting:join', {
        code: created.data.code,
        media: { audio: true, video: false },
        resume: { id: before.peer.id, token: before.peer.token },
      });
      if (!resumed.ok) throw new Error(resumed.error.code);
      expect(resumed.data.peer.id).toBe(before.peer.id);
      expect(resumed.data.peer.key).toBe(before.peer.key);
      expect(resumed.data.peer.token).not.toBe(before.peer.token);
      await openPeerSocket(second.url, resumed.data.peer);
    } finally {
      await second.dispose();
    }
  });

  it('stops promptly even with clients that do not go away by themselves', async () => {
    const server = await startTestServer({ env: { WAVA_SHUTDOWN_TIMEOUT: '500ms' } });
    const user = await registerUser(server.api, 'Lingering');
    const polling = await connectSocket(server.url, user.session.accessToken, ['polling']);
    const result = await joined(polling, await newMeeting(server.api, user));
    await openPeerSocket(server.url, result.peer);
    // A keep-alive HTTP connection left open.
    await fetch(`${server.url}/healthz`);
    await server.dispose();
    expect(server.server.httpServer.listening).toBe(false);
  });

  it('deletes long-expired refresh tokens when it starts', async () => {
    const clock = createTestClock();
    const first = await startTestServer({ now: clock.now });
    const user = await registerUser(first.api, 'Housekept');
    await first.stop();
    const count = () => {
      const db = new Database(join(first.dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (
          db.prepare('SELECT COUNT(*) AS n FROM refresh_tokens WHERE user_id = ?').get(user.session.user.id) as {
            n: number;
          }
        ).n;
      } finally {
        db.close();
      }
    };
    expect(count()).toBe(1);
    clock.advance(first.config.refreshTokenTtlMs + 2 * 86_400_000);
    const second = await startTestServer({ dataDir: first.dataDir, now: clock.now });
    await second.stop();
    expect(count()).toBe(0);
    await second.dispose();
  });

  it('can be stopped twice: the second stop() waits for the first', async () => {
    const server = await startTestServer();
    const stopping = server.stop();
    await expect(server.stop()).resolves.toBeUndefined();
    await stopping;
    await server.dispose();
  });
});

describe('password hashing with the production parameters (scrypt N=2^15, r=8, p=1)', () => {
  it('registers and signs in, and upgrades weaker stored hashes at the next sign-in', async () => {
    const weak = await startTestServer({ passwordHashLogN: 12 });
    const user = await registerUser(weak.api, 'Upgraded');
    await weak.stop();
    expect(storedHash(weak.dataDir, user.username)).toMatch(/^scrypt\$4096\$8\$1\$/);

    const production = await startTestServer({ dataDir: weak.dataDir, passwordHashLogN: 15 });
    try {
      expect((await production.api.login({ username: user.username, password: user.password })).ok).toBe(true);
      const fresh = await registerUser(production.api, 'Fresh');
      expect((await production.api.login({ username: fresh.username, password: fresh.password })).ok).toBe(true);
      const wrong = await production.api.login({ username: fresh.username, password: 'not the password' });
      expect(!wrong.ok && wrong.error.code).toBe('INVALID_CREDENTIALS');
      await production.stop();
      expect(storedHash(weak.dataDir, user.username)).toMatch(
        /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
      );
      expect(storedHash(weak.dataDir, fresh.username)).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(storedHash(weak.dataDir, fresh.username)).not.toContain(fresh.password);
    } finally {
      await production.dispose();
    }
  });
});

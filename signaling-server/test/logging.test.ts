import type { JoinResult, PeerCredentials } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/createLogger.js';
import { openPeerSocket, closeAllPeerSockets } from './support/peerSocket.js';
import { closeAllSockets, connectError, connectSocket, joined, request } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

function memoryLogger() {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.join('') };
}

describe('logs', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('redact passwords, tokens and authorization headers wherever they appear', () => {
    const { logger, text } = memoryLogger();
    logger.info(
      {
        password: 'hunter2-password',
        body: { refreshToken: 'refresh-secret-1' },
        auth: { token: 'socket-token-1' },
        req: { headers: { authorization: 'Bearer header-token-1' } },
        deep: { session: { accessToken: 'access-token-1' } },
        userId: 'u-1',
      },
      'probe',
    );
    const out = text();
    for (const secret of [
      'hunter2-password',
      'refresh-secret-1',
      'socket-token-1',
      'header-token-1',
      'access-token-1',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('u-1');
  });

  it('never contain a password or token during a whole session, even at trace level', async () => {
    const { logger, text } = memoryLogger();
    const server = await startTestServer({ logger });
    const secrets: string[] = [];
    try {
      const user = await registerUser(server.api, 'Private');
      secrets.push(user.password, user.session.accessToken, user.session.refreshToken);
      await server.api.login({ username: user.username, password: 'a wrong password' });
      secrets.push('a wrong password');
      const login = await server.api.login({ username: user.username, password: user.password });
      if (!login.ok) throw new Error(login.error.code);
      secrets.push(login.data.accessToken, login.data.refreshToken);
      const refreshed = await server.api.refresh(login.data.refreshToken);
      if (!refreshed.ok) throw new Error(refreshed.error.code);
      secrets.push(refreshed.data.accessToken, refreshed.data.refreshToken);
      await server.api.me(refreshed.data.accessToken);
      await server.api.logout(refreshed.data.refreshToken);

      const meetingCode = await newMeeting(server.api, user);
      await connectError(server.url, { token: `${user.session.accessToken}x` });
      const socket = await connectSocket(server.url, user.session.accessToken);
      const join: JoinResult = await joined(socket, meetingCode);
      const fresh = await request<PeerCredentials>(socket, 'peer:token', {});
      if (!fresh.ok) throw new Error(fresh.error.code);
      secrets.push(join.peer.token, fresh.data.token);
      await openPeerSocket(server.url, join.peer);
      await openPeerSocket(server.url, { ...join.peer, token: `${fresh.data.token}x` }).catch(() => undefined);
    } finally {
      await server.dispose();
    }
    const out = text();
    expect(out).toContain('signed in');
    expect(out).toContain('joined meeting');
    expect(out).toContain('"path":"/api/auth/login"');
    expect(out).toContain('peer connection refused');
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).not.toContain('token=');
  });
});

import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { API_ROUTES, createApiClient, type FetchLike } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { losingAnswers } from './support/losingAnswers.js';
import { connectSocket, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe("protocol's API client, when answers are lost or never come", () => {
  let server: TestServer;
  const clock = createTestClock();
  useServerWithUsers({ now: clock.now, env: { WAVA_REFRESH_GRACE: '10s' } }, [], (started) => {
    server = started;
  });

  it('a refresh whose answer is lost is asked again at once: the sign-in goes on, nothing is revoked', async () => {
    const user = await registerUser(server.api, 'Flaky Network');
    const live = await connectSocket(server.url, user.session.accessToken);
    const network = losingAnswers(API_ROUTES.refresh, 1);
    const api = createApiClient(server.url, network);
    const refreshed = await api.refresh(user.session.refreshToken);
    expect(network.lost()).toBe(1);
    if (!refreshed.ok) throw new Error(`refresh answered ${refreshed.error.code}`);
    expect(refreshed.data.refreshToken).not.toBe(user.session.refreshToken);
    expect((await server.api.me(refreshed.data.accessToken)).ok).toBe(true);
    await roundTrip(live);
    expect(live.connected).toBe(true);
    // Long after the grace, the new refresh token still rotates on: the sign-in was never taken for stolen.
    clock.advance(60_000);
    const next = await api.refresh(refreshed.data.refreshToken);
    expect(next.ok ? 'ok' : next.error.code).toBe('ok');
  });

  it('a refresh answered slowly (after the refresh timeout) still ends signed in: its last try waits as any request', async () => {
    // Every answer comes 400 ms after the server has carried the refresh out (a loaded server, a slow link).
    const slow: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (new URL(input).pathname !== API_ROUTES.refresh) return response;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 400);
        init.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
      return response;
    };
    const user = await registerUser(server.api, 'Slow Network');
    const api = createApiClient(server.url, slow, { refreshTimeoutMs: 100, timeoutMs: 5_000 });
    const refreshed = await api.refresh(user.session.refreshToken);
    if (!refreshed.ok) throw new Error(`refresh answered ${refreshed.error.code}`);
    // The new token rotates on long after the grace: the old one was never left as the one to present.
    clock.advance(60_000);
    const next = await api.refresh(refreshed.data.refreshToken);
    expect(next.ok ? 'ok' : next.error.code).toBe('ok');
  });

  it('a refresh the server refuses is not asked again', async () => {
    const requests: string[] = [];
    const counting: FetchLike = (input, init) => {
      requests.push(new URL(input).pathname);
      return fetch(input, init);
    };
    const refused = await createApiClient(server.url, counting).refresh('not-a-refresh-token');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('TOKEN_INVALID');
    expect(requests).toEqual([API_ROUTES.refresh]);
  });
});

describe("protocol's API client and a server that never answers", () => {
  const servers: Server[] = [];
  const open = new Set<Socket>();
  afterEach(async () => {
    for (const socket of open) socket.destroy();
    await Promise.all(servers.splice(0).map((tcp) => new Promise((resolve) => tcp.close(resolve))));
  });

  /** Accepts connections and reads requests, but never answers one; counts the connections the client gave up. */
  async function hungServer() {
    let abandoned = 0;
    const tcp = createTcpServer((socket) => {
      open.add(socket);
      socket.resume();
      socket.on('close', () => {
        open.delete(socket);
        abandoned += 1;
      });
    });
    servers.push(tcp);
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const address = tcp.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    return { url: `http://127.0.0.1:${address.port}`, abandoned: () => abandoned };
  }

  it('gives up after its timeout with SERVER_UNREACHABLE and closes the request', async () => {
    const hung = await hungServer();
    const api = createApiClient(hung.url, undefined, { timeoutMs: 200 });
    const answer = await api.config();
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'SERVER_UNREACHABLE' }) });
    await expect.poll(hung.abandoned).toBe(1);
  });
});

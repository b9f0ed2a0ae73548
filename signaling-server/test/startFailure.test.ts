import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../src/db/Storage.js';
import { startTestServer } from './support/startTestServer.js';

const dataDirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wava-start-failure-'));
  dataDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A TCP server on a free loopback port that does `onConnection` with each connection. */
async function tcpServer(onConnection: (socket: Socket) => void = () => undefined) {
  const server = createTcpServer(onConnection).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

describe('a server that cannot start', () => {
  it('rejects with why (its port is taken), and closes its database and its STUN port', async () => {
    const squatter = await tcpServer();
    const dataDir = freshDataDir();
    let closes = 0;
    try {
      await expect(
        startTestServer({
          dataDir,
          // The STUN responder takes the same port number (UDP), which is free: it starts before the HTTP server.
          env: { WAVA_PORT: String(squatter.port) },
          wrapStorage: (storage: Storage): Storage => ({
            ...storage,
            close: () => (closes++, storage.close()),
          }),
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(closes).toBe(1);

      // The same data, and the STUN port the failed start had taken, serve another server.
      const again = await startTestServer({ dataDir, env: { WAVA_STUN_PORT: String(squatter.port) } });
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      expect(again.server.stunPort()).toBe(squatter.port);
      await again.stop();
    } finally {
      squatter.server.close();
    }
  });

  it('stops trying to reach a Redis that hangs up on it, once its start has failed', async () => {
    let attempts = 0;
    const redis = await tcpServer((socket) => {
      attempts++;
      socket.destroy();
    });
    try {
      await expect(
        startTestServer({ dataDir: freshDataDir(), env: { WAVA_REDIS_URL: `redis://127.0.0.1:${redis.port}` } }),
      ).rejects.toThrow(/Redis \(WAVA_REDIS_URL\) could not be reached/);
      const afterFailure = attempts;
      // ioredis retries after 50 ms, then 100, 150...: a connection left reconnecting tries again well within this.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(attempts).toBe(afterFailure);
    } finally {
      redis.server.close();
    }
  });
});

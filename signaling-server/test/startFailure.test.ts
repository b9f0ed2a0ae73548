import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../src/db/Storage.js';
import { startTestServer } from './support/startTestServer.js';

describe('a server that cannot start', () => {
  it('rejects with why (its port is taken), closes the database it opened, and the same data starts elsewhere', async () => {
    const squatter = createTcpServer().listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const { port } = squatter.address() as AddressInfo;
    const dataDir = mkdtempSync(join(tmpdir(), 'wava-start-failure-'));
    let closes = 0;
    try {
      await expect(
        startTestServer({
          dataDir,
          env: { WAVA_PORT: String(port) },
          wrapStorage: (storage: Storage): Storage => ({
            ...storage,
            close: () => (closes++, storage.close()),
          }),
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(closes).toBe(1);

      const again = await startTestServer({ dataDir });
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      await again.stop();
    } finally {
      squatter.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { afterEach } from 'vitest';
import { loadConfig } from '../../../../signaling-server/src/config/loadConfig.js';
import { createServer, type WavaServer } from '../../../../signaling-server/src/createServer.js';

/**
 * The real Wava signaling server on an ephemeral loopback port, with its database in a temp dir and a clock the
 * test controls (so access-token expiry is tested without waiting). Stopped after each test.
 */
export function useRealServer() {
  const running: WavaServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  return async (dataDir: string, env: Record<string, string> = {}) => {
    let now = Date.now();
    const config = {
      ...loadConfig({
        WAVA_HOST: '127.0.0.1',
        WAVA_PORT: '0',
        WAVA_DATA_DIR: dataDir,
        WAVA_LOG_LEVEL: 'silent',
        ...env,
      }),
      passwordHashLogN: 12,
    };
    const server = await createServer(config, { now: () => now });
    running.push(server);
    const { port } = await server.start();
    return {
      url: `http://127.0.0.1:${port}`,
      now: () => now,
      advance: (ms: number) => {
        now += ms;
      },
      accessTokenTtlMs: config.accessTokenTtlMs,
    };
  };
}

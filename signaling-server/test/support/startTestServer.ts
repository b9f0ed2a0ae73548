import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type ApiClient } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Storage } from '../../src/db/Storage.js';
import type { Config } from '../../src/config/Config.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createServer, type WavaServer } from '../../src/createServer.js';
import { openStorage } from '../../src/db/openStorage.js';

export interface TestServer {
  url: string;
  api: ApiClient;
  config: Config;
  dataDir: string;
  server: WavaServer;
  /** Stops the server (graceful) and keeps the data directory. */
  stop(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** An existing data directory (a restart); a fresh temporary one otherwise. */
  dataDir?: string;
  now?: () => number;
  logger?: Logger;
  /** Wraps the real storage (SQLite, or PostgreSQL with WAVA_DATABASE_URL), to inject faults. */
  wrapStorage?: (storage: Storage) => Storage;
  /** log2 of scrypt's N. Tests default to 2^12 to stay fast; one test uses production's 2^15. */
  passwordHashLogN?: number;
}

/** Limits high enough that only the tests about limits meet them. */
const TEST_ENV: Record<string, string> = {
  WAVA_HOST: '127.0.0.1',
  WAVA_PORT: '0',
  WAVA_LOG_LEVEL: 'silent',
  WAVA_PUBLIC_URL: 'https://meet.wava.test',
  WAVA_LOGIN_MAX_PER_IP: '100000',
  WAVA_LOGIN_MAX_PER_USERNAME: '100000',
  WAVA_LOGIN_MAX_PER_ACCOUNT: '100000',
  WAVA_REGISTER_MAX_PER_IP: '100000',
  WAVA_REGISTER_MAX_PER_MINUTE: '100000',
  WAVA_MAX_CONNECTIONS_PER_IP: '100000',
  WAVA_HTTP_CONNECTIONS_PER_IP: '100000',
  WAVA_LOOKUP_MISSES_PER_USER: '100000',
  WAVA_LOOKUP_MISSES_PER_IP: '100000',
  WAVA_SOCKET_EVENTS_PER_SECOND: '100000',
  WAVA_SOCKET_EVENT_BURST: '100000',
  WAVA_MEETINGS_PER_HOUR: '1000',
  WAVA_SHUTDOWN_TIMEOUT: '2s',
};

/**
 * A real server on a free loopback port with a real database: a SQLite file in a temporary directory, or the
 * PostgreSQL database that `env.WAVA_DATABASE_URL` names.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wava-server-test-'));
  const loaded = loadConfig({
    ...TEST_ENV,
    WAVA_DATA_DIR: dataDir,
    WAVA_WEB_ROOT: join(dataDir, 'no-web-client'),
    ...options.env,
  });
  const config: Config = Object.freeze({ ...loaded, passwordHashLogN: options.passwordHashLogN ?? 12 });
  const storage = options.wrapStorage
    ? options.wrapStorage(await openStorage(config, { now: options.now ?? Date.now, onIdleError: () => {} }))
    : undefined;
  const server = await createServer(config, { now: options.now, logger: options.logger, storage });
  const { url } = await server.start();
  return {
    url,
    api: createApiClient(url),
    config,
    dataDir,
    server,
    stop: () => server.stop(),
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

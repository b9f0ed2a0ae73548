import { afterEach } from 'vitest';
import { closeAllPeerSockets } from './peerSocket.js';
import { createPostgresDatabase, type PostgresDatabase } from './postgresDatabase.js';
import { closeAllSockets } from './sockets.js';
import { startTestServer, type TestServer } from './startTestServer.js';

/** Where the several-servers project's setup file (test/cluster/fileRedis.ts) puts its test file's Redis URL. */
export const FILE_REDIS_ENV = 'WAVA_TEST_FILE_REDIS_URL';

/** The URL of this test file's redis-server (read it inside tests and hooks). */
export function redisUrl(): string {
  const url = process.env[FILE_REDIS_ENV];
  if (!url) throw new Error('No redis-server for this file: the server-cluster project starts one (fileRedis.ts)');
  return url;
}

/** What every server of one deployment shares: the secrets, the database and Redis. */
export function deploymentEnv(database: PostgresDatabase, env: Record<string, string> = {}): Record<string, string> {
  return {
    WAVA_DATABASE_URL: database.url,
    WAVA_REDIS_URL: redisUrl(),
    WAVA_JWT_SECRET: 'one-deployment-wide-jwt-secret-of-32-chars-or-more',
    WAVA_PEER_SECRET: 'one-deployment-wide-peer-secret-of-32-chars-or-more',
    ...env,
  };
}

export interface TwoServers {
  one: TestServer;
  two: TestServer;
  database: PostgresDatabase;
  dispose(): Promise<void>;
}

/** Two real Wava servers on free ports, sharing one new PostgreSQL database and the run's Redis. */
export async function startTwoServers(env: Record<string, string> = {}): Promise<TwoServers> {
  const database = await createPostgresDatabase();
  const shared = deploymentEnv(database, env);
  const one = await startTestServer({ env: shared });
  const two = await startTestServer({ env: shared });
  return {
    one,
    two,
    database,
    async dispose() {
      await Promise.allSettled([one.dispose(), two.dispose()]);
      await database.drop();
    },
  };
}

/**
 * A cluster test file's set-up, as its hook: the function returned starts two servers (as startTwoServers); after
 * each test every socket.io connection and PeerJS websocket is closed and the deployments it started are disposed.
 */
export function useTwoServers(): (env?: Record<string, string>) => Promise<TwoServers> {
  const deployments: TwoServers[] = [];
  afterEach(async () => {
    closeAllSockets();
    closeAllPeerSockets();
    for (const deployment of deployments.splice(0)) await deployment.dispose();
  });
  return async (env = {}) => {
    const deployment = await startTwoServers(env);
    deployments.push(deployment);
    return deployment;
  };
}

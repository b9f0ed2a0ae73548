import { inject } from 'vitest';
import { createPostgresDatabase, type PostgresDatabase } from './postgresDatabase.js';
import { startTestServer, type TestServer } from './startTestServer.js';

/** The URL of the run's redis-server (the cluster project's global setup). */
export function redisUrl(): string {
  const redis = inject('redis');
  if ('unavailable' in redis) throw new Error(redis.unavailable);
  return redis.url;
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

/** Two real Wava servers on free ports, sharing one new PostgreSQL database and the run's Redis. */
export async function startTwoServers(
  env: Record<string, string> = {},
): Promise<{ one: TestServer; two: TestServer; database: PostgresDatabase; dispose(): Promise<void> }> {
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

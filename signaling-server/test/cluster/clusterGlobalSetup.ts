import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgresCluster.js';
import '../support/postgresDatabase.js';
import { startRedisServer } from '../support/redisServer.js';

/**
 * For the several-servers project: one throwaway PostgreSQL cluster and one redis-server for the run, on free
 * loopback ports. When either cannot start, every test of the project fails with the reason: never a silent skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  try {
    const cluster = await startPostgresCluster();
    stops.push(() => cluster.stop());
    project.provide('postgres', { adminUrl: cluster.adminUrl });
  } catch (error) {
    project.provide('postgres', { unavailable: (error as Error).message });
  }
  try {
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    project.provide('redis', { url: redis.url });
  } catch (error) {
    project.provide('redis', { unavailable: (error as Error).message });
  }
  return async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's redis-server, or why it could not start. */
    redis: { url: string } | { unavailable: string };
  }
}

import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgresCluster.js';
import '../support/postgresDatabase.js';

/**
 * For the several-servers project: one throwaway PostgreSQL cluster for the run (each deployment makes a database
 * of its own in it), on a free loopback port; each test file starts its own redis-server (fileRedis.ts). When
 * either cannot start, the tests fail with the reason: never a silent skip.
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
  return async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
  };
}

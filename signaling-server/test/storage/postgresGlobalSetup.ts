import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgresCluster.js';
import '../support/postgresDatabase.js';

/**
 * One PostgreSQL cluster for the whole run of the storage project; each test file makes its own databases.
 * When it cannot start (PostgreSQL not installed), every PostgreSQL test fails with the reason, and the rest of
 * the run goes on: never a silent skip.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  try {
    const cluster = await startPostgresCluster();
    project.provide('postgres', { adminUrl: cluster.adminUrl });
    return () => cluster.stop();
  } catch (error) {
    project.provide('postgres', { unavailable: (error as Error).message });
    return undefined;
  }
}

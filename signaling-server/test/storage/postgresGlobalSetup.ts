import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgresCluster.js';
import '../support/postgresDatabase.js';

/** One PostgreSQL cluster for the whole run of the storage project; each test file makes its own databases. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}

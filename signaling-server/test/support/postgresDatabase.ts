import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';

export interface PostgresDatabase {
  /** Connection string of this database, as `WAVA_DATABASE_URL` takes it. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** The admin URL of the cluster the storage project's global setup started for this run. */
export function postgresAdminUrl(): string {
  const postgres = inject('postgres');
  if ('unavailable' in postgres) throw new Error(postgres.unavailable);
  return postgres.adminUrl;
}

/** A new, empty database in the run's PostgreSQL cluster. */
export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const adminUrl = postgresAdminUrl();
  const name = `wava_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(adminUrl: string, work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the storage project's global setup started, or why it could not. */
    postgres: { adminUrl: string } | { unavailable: string };
  }
}

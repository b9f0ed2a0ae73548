import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import type { Migration } from './migrations.js';
import { pendingMigrations } from './pendingMigrations.js';

/**
 * The advisory lock every Wava server takes while it migrates, so that servers starting together against one
 * database apply each migration once: the others wait, then find nothing left to do. ("Wava" in ASCII.)
 */
export const MIGRATION_LOCK_KEY = 0x57617661;

const versionRow = z.object({ version: z.number() });

/**
 * Applies every migration newer than the database, each in its own transaction, while holding the migration
 * lock. Returns the versions applied (empty when another server had already applied them).
 */
export async function runPostgresMigrations(
  pool: Pool,
  migrations: readonly Migration[],
  now: number,
): Promise<number[]> {
  const client = await pool.connect();
  try {
    // A session lock: it outlives the transactions below, and PostgreSQL drops it with the connection.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const done = await applyPending(client, migrations, now);
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    client.release();
    return done;
  } catch (error) {
    // Closing the connection rolls back what was half done and frees the lock; the error stays the first one.
    client.release(true);
    throw error;
  }
}

async function applyPending(client: PoolClient, migrations: readonly Migration[], now: number): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )`);
  const { rows } = await client.query('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => versionRow.parse(row).version));
  const done: number[] = [];
  for (const migration of pendingMigrations(migrations, applied)) {
    await client.query('BEGIN');
    await client.query(migration.sql.postgres);
    await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      now,
    ]);
    await client.query('COMMIT');
    done.push(migration.version);
  }
  return done;
}

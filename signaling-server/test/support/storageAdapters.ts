import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { z } from 'zod';
import type { Migration } from '../../src/db/migrations.js';
import { createPostgresPool } from '../../src/db/createPostgresPool.js';
import { openPostgresStorage } from '../../src/db/openPostgresStorage.js';
import { openSqliteStorage } from '../../src/db/openSqliteStorage.js';
import { runMigrations } from '../../src/db/runMigrations.js';
import { runPostgresMigrations } from '../../src/db/runPostgresMigrations.js';
import type { Storage } from '../../src/db/Storage.js';
import { createPostgresDatabase } from './postgresDatabase.js';

/** One empty database of one adapter, for the shared storage suite. */
export interface TestDatabase {
  /** A new handle on this database (as another server would open it), not yet `ready()`. */
  open(now?: number): Storage;
  /** Runs the adapter's migration runner with this list, as a server starting would. */
  migrate(migrations: readonly Migration[], now: number): Promise<number[]>;
  /** The `schema_migrations` table, oldest first. */
  appliedMigrations(): Promise<{ version: number; appliedAt: number }[]>;
  hasTable(name: string): Promise<boolean>;
  /** Closes what the helpers opened and deletes the database. */
  remove(): Promise<void>;
}

export interface StorageAdapter {
  name: 'SQLite' | 'PostgreSQL';
  createDatabase(): Promise<TestDatabase>;
}

const appliedRow = z.object({ version: z.number(), applied_at: z.number() });

export const sqliteAdapter: StorageAdapter = {
  name: 'SQLite',
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'wava-db-'));
    const file = join(dir, 'test.db');
    const withDb = <T>(work: (db: InstanceType<typeof Database>) => T): T => {
      const db = new Database(file);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      open: (now = Date.now()) => openSqliteStorage(file, now),
      migrate: async (migrations, now) => withDb((db) => runMigrations(db, migrations, now)),
      appliedMigrations: async () =>
        withDb((db) =>
          db
            .prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version')
            .all()
            .map((row) => appliedRow.parse(row))
            .map((r) => ({ version: r.version, appliedAt: r.applied_at })),
        ),
      hasTable: async (name) =>
        withDb((db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) != null),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const postgresAdapter: StorageAdapter = {
  name: 'PostgreSQL',
  async createDatabase() {
    const database = await createPostgresDatabase();
    const pool = createPostgresPool({ url: database.url, max: 4, onIdleError: () => {} });
    return {
      open: (now = Date.now()) =>
        openPostgresStorage({ url: database.url, poolMax: 10, now: () => now, onIdleError: () => {} }),
      migrate: (migrations, now) => runPostgresMigrations(pool, migrations, now),
      appliedMigrations: async () => {
        const { rows } = await pool.query('SELECT version, applied_at FROM schema_migrations ORDER BY version');
        return rows.map((row) => appliedRow.parse(row)).map((r) => ({ version: r.version, appliedAt: r.applied_at }));
      },
      hasTable: async (name) => {
        const { rows } = await pool.query('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
        return z.object({ present: z.boolean() }).parse(rows[0]).present;
      },
      remove: async () => {
        await pool.end();
        await database.drop();
      },
    };
  },
};

export const STORAGE_ADAPTERS: readonly StorageAdapter[] = [sqliteAdapter, postgresAdapter];

import { z } from 'zod';
import type { Migration } from './migrations.js';
import { pendingMigrations } from './pendingMigrations.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

const versionRow = z.object({ version: z.number() });

/** Applies every migration newer than the database, each in its own transaction. Returns the versions applied. */
export function runMigrations(db: SqliteDatabase, migrations: readonly Migration[], now: number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => versionRow.parse(row).version),
  );
  const done: number[] = [];
  for (const migration of pendingMigrations(migrations, applied)) {
    db.transaction(() => {
      db.exec(migration.sql.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now,
      );
    })();
    done.push(migration.version);
  }
  return done;
}

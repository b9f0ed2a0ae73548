import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { openSqliteStorage } from '../../src/db/openSqliteStorage.js';
import { runMigrations } from '../../src/db/runMigrations.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wava-db-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('schema migrations', () => {
  it('applies each migration once, records it, and runs in WAL mode', async () => {
    const file = tempDb();
    const storage = openSqliteStorage(file, 1);
    await storage.close();
    const db = new Database(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(runMigrations(db, MIGRATIONS, 2)).toEqual([]);
    const rows = db.prepare('SELECT version, applied_at FROM schema_migrations').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => expect.objectContaining({ version: m.version, applied_at: 1 })));
    db.close();
  });

  it('applies only newer migrations to an existing database', () => {
    const db = new Database(tempDb());
    runMigrations(db, MIGRATIONS, 1);
    const next = [...MIGRATIONS, { version: 99, name: 'test column', sql: 'ALTER TABLE users ADD COLUMN extra TEXT' }];
    expect(runMigrations(db, next, 2)).toEqual([99]);
    expect(runMigrations(db, next, 3)).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer server instead of damaging it', () => {
    const db = new Database(tempDb());
    runMigrations(db, [...MIGRATIONS, { version: 500, name: 'future', sql: 'SELECT 1' }], 1);
    expect(() => runMigrations(db, MIGRATIONS, 2)).toThrow(/newer than this server knows/);
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(tempDb());
    runMigrations(db, MIGRATIONS, 1);
    const version = MIGRATIONS.at(-1)!.version + 1;
    const broken = [
      ...MIGRATIONS,
      { version, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM missing_table;' },
    ];
    expect(() => runMigrations(db, broken, 2)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = ?').get(version)).toBeUndefined();
    db.close();
  });

  it('upgrades a version-1 database: its open meetings count as active since they were created', async () => {
    const file = tempDb();
    const db = new Database(file);
    runMigrations(db, MIGRATIONS.slice(0, 1), 1);
    db.prepare("INSERT INTO users VALUES ('u1', 'host', 'Host', 'scrypt$x', 1)").run();
    db.prepare("INSERT INTO meetings VALUES ('m1', 'abc-defg-hjk', 'Old', 'u1', 1000, NULL)").run();
    db.close();
    const storage = openSqliteStorage(file, 2);
    expect(await storage.meetings.listOpenInactiveSince(1001, 10)).toEqual([
      { id: 'm1', code: 'abc-defg-hjk', lastActiveAt: 1000 },
    ]);
    expect(await storage.meetings.listOpenInactiveSince(1000, 10)).toEqual([]);
    await storage.close();
  });
});

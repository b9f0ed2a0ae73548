import type Database from 'libsql';

/** The libsql connection type (better-sqlite3's API). */
export type SqliteDatabase = InstanceType<typeof Database>;

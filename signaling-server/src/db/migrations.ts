/** A numbered, append-only schema change. Never edit a migration that has shipped: add the next one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, refresh tokens, meetings',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE refresh_tokens (
        id TEXT PRIMARY KEY,
        family_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
      CREATE INDEX refresh_tokens_expires ON refresh_tokens(expires_at);
      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        host_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX meetings_host_created ON meetings(host_id, created_at);
    `,
  },
  {
    version: 2,
    name: 'meetings remember their last activity, so idle ones expire',
    sql: `
      ALTER TABLE meetings ADD COLUMN last_active_at INTEGER;
      UPDATE meetings SET last_active_at = created_at;
      CREATE INDEX meetings_open_last_active ON meetings(last_active_at) WHERE ended_at IS NULL;
    `,
  },
];

/**
 * A numbered, append-only schema change, written once per SQL dialect (both adapters apply the same list in the
 * same order). Never edit a migration that has shipped: add the next one. Times are epoch milliseconds: INTEGER
 * in SQLite (64-bit), BIGINT in PostgreSQL (its INTEGER is 32-bit).
 */
export interface Migration {
  version: number;
  name: string;
  sql: { sqlite: string; postgres: string };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, refresh tokens, meetings',
    sql: {
      sqlite: `
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
      postgres: `
        CREATE TABLE users (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          created_at BIGINT NOT NULL
        );
        CREATE TABLE refresh_tokens (
          id TEXT PRIMARY KEY,
          family_id TEXT NOT NULL,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          token_hash TEXT NOT NULL UNIQUE,
          created_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL,
          used_at BIGINT,
          revoked_at BIGINT
        );
        CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
        CREATE INDEX refresh_tokens_expires ON refresh_tokens(expires_at);
        CREATE TABLE meetings (
          id TEXT PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          title TEXT NOT NULL,
          host_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          created_at BIGINT NOT NULL,
          ended_at BIGINT
        );
        CREATE INDEX meetings_host_created ON meetings(host_id, created_at);
      `,
    },
  },
  {
    version: 2,
    name: 'meetings remember their last activity, so idle ones expire',
    sql: {
      sqlite: `
        ALTER TABLE meetings ADD COLUMN last_active_at INTEGER;
        UPDATE meetings SET last_active_at = created_at;
        CREATE INDEX meetings_open_last_active ON meetings(last_active_at) WHERE ended_at IS NULL;
      `,
      postgres: `
        ALTER TABLE meetings ADD COLUMN last_active_at BIGINT;
        UPDATE meetings SET last_active_at = created_at;
        CREATE INDEX meetings_open_last_active ON meetings(last_active_at) WHERE ended_at IS NULL;
      `,
    },
  },
  {
    version: 3,
    name: 'chat messages, kept for the meeting and a while after it',
    sql: {
      sqlite: `
        CREATE TABLE chat_messages (
          id TEXT PRIMARY KEY,
          meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
          sender_id TEXT NOT NULL,
          sender_peer_id TEXT NOT NULL,
          sender_name TEXT NOT NULL,
          recipient_id TEXT,
          recipient_peer_id TEXT,
          recipient_name TEXT,
          text TEXT NOT NULL,
          sent_at INTEGER NOT NULL
        );
        CREATE INDEX chat_messages_meeting_sent ON chat_messages(meeting_id, sent_at);
      `,
      postgres: `
        CREATE TABLE chat_messages (
          seq BIGSERIAL UNIQUE,
          id TEXT PRIMARY KEY,
          meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
          sender_id TEXT NOT NULL,
          sender_peer_id TEXT NOT NULL,
          sender_name TEXT NOT NULL,
          recipient_id TEXT,
          recipient_peer_id TEXT,
          recipient_name TEXT,
          text TEXT NOT NULL,
          sent_at BIGINT NOT NULL
        );
        CREATE INDEX chat_messages_meeting_sent ON chat_messages(meeting_id, sent_at);
      `,
    },
  },
  {
    version: 4,
    name: 'what hosts decide in a meeting: who hosts, co-hosts, lock, removals, settings',
    sql: {
      // One row per meeting whose controls ever changed; `state` is JSON checked on read, `version` the
      // compare-and-set guard that keeps several servers' changes from overwriting each other.
      sqlite: `
        CREATE TABLE meeting_controls (
          meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          state TEXT NOT NULL
        );
      `,
      postgres: `
        CREATE TABLE meeting_controls (
          meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
          version BIGINT NOT NULL,
          state TEXT NOT NULL
        );
      `,
    },
  },
  {
    version: 5,
    name: 'waiting room setting of meetings',
    sql: {
      sqlite: `
        CREATE TABLE meeting_lobby (
          meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
          lobby INTEGER NOT NULL
        );
      `,
      postgres: `
        CREATE TABLE meeting_lobby (
          meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
          lobby BOOLEAN NOT NULL
        );
      `,
    },
  },
];

import Database from 'libsql';
import { sqliteChatMessageRepository } from './sqliteChatMessageRepository.js';
import { sqliteMeetingControlsRepository } from './sqliteMeetingControlsRepository.js';
import { sqliteLobbySettingsRepository } from './sqliteLobbySettingsRepository.js';
import { MIGRATIONS } from './migrations.js';
import { runMigrations } from './runMigrations.js';
import { sqliteMeetingRepository } from './sqliteMeetingRepository.js';
import { sqliteRefreshTokenRepository } from './sqliteRefreshTokenRepository.js';
import { sqliteUserRepository } from './sqliteUserRepository.js';
import type { Storage } from './Storage.js';

/** Opens (creating if needed) the SQLite database file in WAL mode and brings its schema up to date. */
export function openSqliteStorage(file: string, now: number = Date.now()): Storage {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, MIGRATIONS, now);
  } catch (error) {
    db.close();
    throw error;
  }
  let closed = false;
  return {
    users: sqliteUserRepository(db),
    refreshTokens: sqliteRefreshTokenRepository(db),
    meetings: sqliteMeetingRepository(db),
    chatMessages: sqliteChatMessageRepository(db),
    meetingControls: sqliteMeetingControlsRepository(db),
    lobbySettings: sqliteLobbySettingsRepository(db),
    // Migrated above, synchronously.
    async ready() {},
    async close() {
      if (closed) return;
      closed = true;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

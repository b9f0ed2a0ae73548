import { createPostgresPool } from './createPostgresPool.js';
import { postgresChatMessageRepository } from './postgresChatMessageRepository.js';
import { postgresMeetingControlsRepository } from './postgresMeetingControlsRepository.js';
import { postgresLobbySettingsRepository } from './postgresLobbySettingsRepository.js';
import { MIGRATIONS } from './migrations.js';
import { postgresMeetingRepository } from './postgresMeetingRepository.js';
import { postgresRefreshTokenRepository } from './postgresRefreshTokenRepository.js';
import { postgresUserRepository } from './postgresUserRepository.js';
import { runPostgresMigrations } from './runPostgresMigrations.js';
import type { Storage } from './Storage.js';

export interface PostgresStorageOptions {
  /** `postgres://…`; TLS is chosen in it with `sslmode`. */
  url: string;
  /** Most connections open at once. */
  poolMax: number;
  /** Epoch milliseconds, recorded with each migration applied. */
  now: () => number;
  /** An idle connection failed; the pool replaces it. For the log. */
  onIdleError: (error: Error) => void;
}

/**
 * PostgreSQL storage over a bounded pool. Nothing connects until `ready()`, which applies pending migrations
 * (under an advisory lock shared by every Wava server on the database).
 */
export function openPostgresStorage(options: PostgresStorageOptions): Storage {
  const pool = createPostgresPool({ url: options.url, max: options.poolMax, onIdleError: options.onIdleError });
  let migrated: Promise<void> | null = null;
  let closed: Promise<void> | null = null;
  return {
    users: postgresUserRepository(pool),
    refreshTokens: postgresRefreshTokenRepository(pool),
    meetings: postgresMeetingRepository(pool),
    chatMessages: postgresChatMessageRepository(pool),
    meetingControls: postgresMeetingControlsRepository(pool),
    lobbySettings: postgresLobbySettingsRepository(pool),
    ready() {
      migrated ??= runPostgresMigrations(pool, MIGRATIONS, options.now()).then(
        () => undefined,
        (error: unknown) => {
          migrated = null; // a later call may try again (the database may come up)
          throw new Error(`The PostgreSQL database could not be opened: ${reasonOf(error)}`, { cause: error });
        },
      );
      return migrated;
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  return error instanceof Error && error.message ? error.message : String(error);
}

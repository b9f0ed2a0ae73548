import { join } from 'node:path';
import type { Config } from '../config/Config.js';
import { openSqliteStorage } from './openSqliteStorage.js';
import type { Storage } from './Storage.js';

/** The SQLite database file in the data directory. */
export const DATABASE_FILE = 'wava.db';

export interface OpenStorageOptions {
  now: () => number;
  /** A PostgreSQL connection failed while idle (the pool replaces it). */
  onIdleError: (error: Error) => void;
}

/**
 * The storage the configuration asks for: PostgreSQL when `WAVA_DATABASE_URL` is set, SQLite otherwise. The
 * PostgreSQL adapter and its driver are loaded only then (the build keeps them out of the entry file).
 */
export async function openStorage(config: Config, options: OpenStorageOptions): Promise<Storage> {
  const { url, poolMax } = config.database;
  if (url === null) return openSqliteStorage(join(config.dataDir, DATABASE_FILE), options.now());
  const { openPostgresStorage } = await import('./openPostgresStorage.js');
  return openPostgresStorage({ url, poolMax, now: options.now, onIdleError: options.onIdleError });
}

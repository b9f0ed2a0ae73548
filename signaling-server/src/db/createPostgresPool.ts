import { Pool, TypeOverrides } from 'pg';

/** PostgreSQL's type id of BIGINT (int8), which `COUNT(*)` also returns. */
const INT8 = 20;

export interface PostgresPoolOptions {
  /** `postgres://user:password@host:port/database?sslmode=verify-full`. */
  url: string;
  /** Most connections open at once; further queries wait for one to come free. */
  max: number;
  /** An idle connection failed (the database restarted, the network dropped): the pool replaces it. */
  onIdleError: (error: Error) => void;
}

/**
 * A bounded pool of connections. Times are BIGINT epoch milliseconds, well inside the range a JavaScript number
 * holds exactly, so int8 columns arrive as numbers (the driver's default is strings). The override belongs to
 * this pool only; the driver's global type table is left alone.
 */
export function createPostgresPool(options: PostgresPoolOptions): Pool {
  const types = new TypeOverrides();
  types.setTypeParser(INT8, 'text', (value: string) => Number(value));
  const pool = new Pool({
    connectionString: options.url,
    max: options.max,
    types,
    application_name: 'wava',
    // A database that does not answer fails the request instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // Notices a database host that vanished without closing its connections.
    keepAlive: true,
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', options.onIdleError);
  return pool;
}

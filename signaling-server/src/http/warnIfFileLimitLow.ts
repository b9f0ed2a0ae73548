import type { Logger } from 'pino';
import { openFileLimit } from './openFileLimit.js';

/** File descriptors the process needs besides connections: the database, its WAL, logs, the web client's files. */
const FILE_HEADROOM = 64;

/** Warns when the process may run out of file descriptors before it reaches WAVA_MAX_CONNECTIONS. */
export function warnIfFileLimitLow(maxConnections: number, logger: Logger): void {
  const fileLimit = openFileLimit();
  if (fileLimit === null || fileLimit >= maxConnections + FILE_HEADROOM) return;
  logger.warn(
    { openFileLimit: fileLimit, maxConnections },
    'the open-file limit is below WAVA_MAX_CONNECTIONS: raise it (ulimit -n, LimitNOFILE) or lower WAVA_MAX_CONNECTIONS',
  );
}

import type { Redis } from 'ioredis';

/**
 * Closes a Redis connection for good. A ready one sends what it has queued, then quits; any other (connecting, or
 * reconnecting to a Redis that cannot be reached) is dropped at once with its queue: a `quit()` would wait behind
 * the queue, which only empties after several failed reconnects, and it keeps reconnecting meanwhile.
 */
export async function closeRedis(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
    return;
  }
  connection.disconnect();
}

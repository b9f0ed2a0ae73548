import type { Redis } from 'ioredis';

/**
 * Resolves once `connection` is ready, connecting it if nobody has. A lazy connection connects by itself on its
 * first command, and `connect()` then rejects ("Redis is already connecting/connected"): a command sent before the
 * server's start (a Janus instance coming up during it, say) must not fail the start.
 */
export function redisReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  if (connection.status !== 'connecting' && connection.status !== 'connect') return connection.connect();
  return new Promise((resolve, reject) => {
    const ready = () => {
      connection.off('error', failed);
      resolve();
    };
    const failed = (error: Error) => {
      connection.off('ready', ready);
      reject(error);
    };
    connection.once('ready', ready);
    connection.once('error', failed);
  });
}

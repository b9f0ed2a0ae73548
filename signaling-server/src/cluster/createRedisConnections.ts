import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeRedis } from './closeRedis.js';
import { redisReady } from './redisReady.js';

export interface RedisConnections {
  /** Commands and scripts (also the socket.io adapter's publisher). */
  command: Redis;
  /** Subscriptions only (a subscribed Redis connection cannot run commands). */
  subscriber: Redis;
  /** Connects both; rejects with a sentence when Redis cannot be reached. */
  connect(): Promise<void>;
  /** Both connections are up right now. */
  isReady(): boolean;
  /** Closes both: a ready one after sending what is queued, one that cannot reach Redis at once. */
  close(): Promise<void>;
}

/** Two connections to the Redis at `url`; they reconnect by themselves after a network blip. */
export function createRedisConnections(url: string, logger: Logger): RedisConnections {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true } as const;
  const command = new Redis(url, { ...options, connectionName: 'wava' });
  const subscriber = new Redis(url, { ...options, connectionName: 'wava-sub' });
  for (const [name, connection] of [
    ['command', command],
    ['subscriber', subscriber],
  ] as const) {
    connection.on('error', (error: Error) => logger.warn({ err: error, connection: name }, 'redis connection error'));
  }
  return {
    command,
    subscriber,
    async connect() {
      try {
        await Promise.all([redisReady(command), redisReady(subscriber)]);
      } catch (error) {
        command.disconnect();
        subscriber.disconnect();
        throw new Error(`Redis (WAVA_REDIS_URL) could not be reached: ${(error as Error).message}`, { cause: error });
      }
    },
    isReady: () => command.status === 'ready' && subscriber.status === 'ready',
    async close() {
      await Promise.all([closeRedis(command), closeRedis(subscriber)]);
    },
  };
}

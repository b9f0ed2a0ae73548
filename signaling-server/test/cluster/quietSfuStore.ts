import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisSfuStore } from '../../src/cluster/createRedisSfuStore.js';
import type { SfuStore } from '../../src/sfu/SfuStore.js';

/**
 * Server `serverId`'s SFU store on `redis` (a meeting's tag is its id) that tells no other server of its changes,
 * revocations or drops: for tests of what the stores write to Redis.
 */
export function quietSfuStore(redis: Redis, serverId: string, logger: Logger): SfuStore {
  return createRedisSfuStore({
    redis,
    serverId,
    logger,
    tagOfMeeting: (meetingId) => meetingId,
    publishChanged: () => {},
    publishRevoked: () => {},
    publishDropped: () => {},
  });
}

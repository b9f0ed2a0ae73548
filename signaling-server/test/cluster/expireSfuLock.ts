import type { Redis } from 'ioredis';
import { expect } from 'vitest';

/** The meeting's SFU lock expires (as Redis expires it past its PX), and is gone. */
export async function expireSfuLock(redis: Redis, meetingId: string): Promise<void> {
  await redis.pexpire(`wava:sfu:lock:${meetingId}`, 1);
  await expect.poll(() => redis.exists(`wava:sfu:lock:${meetingId}`)).toBe(0);
}

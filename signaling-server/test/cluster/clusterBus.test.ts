import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterMessage } from '../../src/cluster/clusterMessageSchema.js';
import { BUS_CHANNEL, createRedisBus } from '../../src/cluster/createRedisBus.js';
import { redisUrl } from '../support/twoServers.js';
import { useRedis } from './useRedis.js';
import { recordedLog } from './recordedLog.js';

const redis = useRedis();
const subscribers: Redis[] = [];
afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((subscriber) => subscriber.quit()));
});

/** A server's bus on the run's Redis: what it handled and what it logged (debug level included). */
async function busOfOneServer() {
  const handled: ClusterMessage[] = [];
  const { logger, logged } = recordedLog('debug');
  const subscriber = new Redis(redisUrl());
  subscribers.push(subscriber);
  const bus = createRedisBus({ command: redis(), subscriber }, (message) => handled.push(message), logger);
  await bus.subscribe();
  return { bus, handled, logged };
}

/** What a server of another version publishes, as it is on the wire. */
const publishRaw = (text: string) => redis().publish(BUS_CHANNEL, text);

/** Waits until `handled` has `message`, sent after the others: the bus delivers in order, so they were read. */
async function sendMarker(bus: { publish(message: ClusterMessage): void }, handled: ClusterMessage[]) {
  const marker: ClusterMessage = { type: 'hands-changed', meetingId: `marker-${Math.random()}` };
  bus.publish(marker);
  await expect.poll(() => handled.some((message) => JSON.stringify(message) === JSON.stringify(marker))).toBe(true);
}

const WARN = 40;
const DEBUG = 20;

describe('the cluster bus across versions (real Redis)', () => {
  it("ignores a newer server's message types, noting each once at debug level, not as malformed", async () => {
    const { bus, handled, logged } = await busOfOneServer();
    await publishRaw(JSON.stringify({ type: 'sfu-moved-elsewhere', meetingId: 'm1' }));
    await publishRaw(JSON.stringify({ type: 'sfu-moved-elsewhere', meetingId: 'm2' }));
    await publishRaw(JSON.stringify({ type: 'recording-started', meetingId: 'm1', by: 'u1' }));
    await sendMarker(bus, handled);

    expect(handled).toHaveLength(1);
    expect(logged.filter((record) => record.level >= WARN)).toEqual([]);
    const noted = logged.filter((record) => record.level === DEBUG && record.type !== undefined);
    expect(noted.map((record) => record.type)).toEqual(['sfu-moved-elsewhere', 'recording-started']);
  });

  it('still drops a malformed message of a known type, or one with no type, as malformed', async () => {
    const { bus, handled, logged } = await busOfOneServer();
    await publishRaw(JSON.stringify({ type: 'sfu-dropped', tokens: [] }));
    await publishRaw(JSON.stringify({ type: 'meeting-ended', meetingId: 'm1' }));
    await publishRaw(JSON.stringify({ meetingId: 'm1' }));
    await publishRaw(JSON.stringify({ type: 42 }));
    await publishRaw('{not json');
    await sendMarker(bus, handled);

    expect(handled).toHaveLength(1);
    const malformed = logged.filter((record) => record.msg === 'malformed cluster message dropped');
    expect(malformed).toHaveLength(5);
    expect(malformed.every((record) => record.level === WARN)).toBe(true);
  });
});

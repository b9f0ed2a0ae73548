import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Participant } from '@wava/protocol';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisCluster, type RedisCluster } from '../../src/cluster/createRedisCluster.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { openSqliteStorage } from '../../src/db/openSqliteStorage.js';
import type { Storage } from '../../src/db/Storage.js';
import { createMeetingService } from '../../src/meetings/createMeetingService.js';
import { createRoomRegistry } from '../../src/meetings/createRoomRegistry.js';
import { createPeerCredentials } from '../../src/peer/createPeerCredentials.js';
import { createTestClock } from '../support/testClock.js';
import { redisUrl } from '../support/twoServers.js';

const DAY = 86_400_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The Redis side of one server of a deployment (every server shares the peer secret). */
async function serverCluster(credentials: ReturnType<typeof createPeerCredentials>) {
  const rooms = createRoomRegistry();
  const cluster: RedisCluster = createRedisCluster({
    url: redisUrl(),
    logger: pino({ level: 'silent' }),
    maxParticipants: () => 10,
    tagOf: credentials.meetingTagOf,
    tagOfMeeting: credentials.meetingTag,
    rooms,
  });
  await cluster.start();
  let closed = false;
  const close = async () => {
    if (!closed) await cluster.close();
    closed = true;
  };
  cleanups.push(close);
  return { cluster, rooms, close };
}

describe('idle-meeting expiry with several servers', () => {
  it('does not end a meeting busy on another server; ends it once nobody is in it anywhere', async () => {
    const clock = createTestClock();
    const dir = mkdtempSync(join(tmpdir(), 'wava-cluster-expiry-'));
    const storage: Storage = openSqliteStorage(join(dir, 'wava.db'), clock.now());
    cleanups.push(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const host = { id: 'host-1', username: 'host', displayName: 'Host', passwordHash: 'x', createdAt: clock.now() };
    await storage.users.create(host);
    const config = loadConfig({ WAVA_DATA_DIR: dir, WAVA_MEETING_IDLE_TIMEOUT: '7d' });
    const meetings = createMeetingService({ config, storage, now: clock.now });
    const credentials = createPeerCredentials({
      key: createSecretKey(randomBytes(32)),
      ttlMs: 60_000,
      maxAgeMs: DAY,
      now: clock.now,
    });
    // Server one sweeps; Ada sits on server two, through which nobody on server one has a seat.
    const one = await serverCluster(credentials);
    const two = await serverCluster(credentials);
    const meeting = await meetings.create(host, 'Busy elsewhere');
    const seat = { peerId: credentials.newPeerId(meeting.id), userId: 'ada', meetingId: meeting.id, seat: 'nonce' };
    const ada: Participant = {
      peerId: seat.peerId,
      userId: 'ada',
      displayName: 'Ada',
      media: { audio: true, video: true, screen: false },
      joinedAt: new Date(clock.now()).toISOString(),
      role: 'participant',
    };
    expect(await two.cluster.ledger.claim(seat, ada, 10, 3, 'socket-1')).toBe('ok');

    clock.advance(7 * DAY + 60_000);
    expect(one.rooms.occupied(meeting.id)).toBe(false);
    expect(await meetings.expireIdle(one.cluster.isMeetingLive)).toBe(0);
    expect((await two.cluster.ledger.ready(seat, 10)).status).toBe('ok');
    clock.advance(DAY);
    expect(await meetings.expireIdle(one.cluster.isMeetingLive)).toBe(0);

    // Server two stops (its seats no longer count): the idle week runs from the last sweep that saw Ada.
    await two.close();
    clock.advance(7 * DAY - 60_000);
    expect(await meetings.expireIdle(one.cluster.isMeetingLive)).toBe(0);
    clock.advance(2 * 60_000);
    expect(await meetings.expireIdle(one.cluster.isMeetingLive)).toBe(1);
    await expect(meetings.findOpen(meeting.code)).rejects.toMatchObject({ code: 'MEETING_ENDED' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/loadConfig.js';
import { openSqliteStorage } from '../src/db/openSqliteStorage.js';
import type { MeetingWithHost, Storage } from '../src/db/Storage.js';
import { createMeetingService, type MeetingService } from '../src/meetings/createMeetingService.js';
import { createRoomRegistry } from '../src/meetings/createRoomRegistry.js';
import { createTestClock } from './support/testClock.js';

const DAY = 86_400_000;

/** The meeting service on a real database file, with the clock in the test's hands. */
describe('idle meetings expire', () => {
  let dir: string;
  let storage: Storage;
  let meetings: MeetingService;
  let ended: MeetingWithHost[];
  const clock = createTestClock();
  const host = { id: 'host-1', username: 'host', displayName: 'Host', passwordHash: 'x', createdAt: clock.now() };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wava-expiry-'));
    storage = openSqliteStorage(join(dir, 'wava.db'), clock.now());
    await storage.users.create(host);
    ended = [];
    const config = loadConfig({ WAVA_DATA_DIR: dir, WAVA_MEETING_IDLE_TIMEOUT: '7d' });
    meetings = createMeetingService({ config, storage, now: clock.now });
    meetings.onEnded((m) => ended.push(m));
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a meeting nobody used for the idle timeout, and only then', async () => {
    const meeting = await meetings.create(host, 'Forgotten');
    clock.advance(7 * DAY - 60_000);
    expect(await meetings.expireIdle(() => false)).toBe(0);
    await expect(meetings.findOpen(meeting.code)).resolves.toMatchObject({ code: meeting.code });
    // That look-up was activity: the week starts again.
    clock.advance(7 * DAY - 60_000);
    expect(await meetings.expireIdle(() => false)).toBe(0);
    clock.advance(2 * 60_000);
    expect(await meetings.expireIdle(() => false)).toBe(1);
    expect(ended.map((m) => m.code)).toEqual([meeting.code]);
    await expect(meetings.findOpen(meeting.code)).rejects.toMatchObject({ code: 'MEETING_ENDED' });
  });

  it('keeps a meeting with people in it, and counts its idle time from when they left', async () => {
    const meeting = await meetings.create(host, 'Long workshop');
    let live = true;
    const isLive = (id: string) => live && id === meeting.id;
    for (let minute = 0; minute < 8 * 24 * 60; minute += 60) {
      clock.advance(60 * 60_000);
      expect(await meetings.expireIdle(isLive)).toBe(0);
    }
    live = false;
    clock.advance(6 * DAY);
    expect(await meetings.expireIdle(isLive)).toBe(0);
    clock.advance(DAY + 60_000);
    expect(await meetings.expireIdle(isLive)).toBe(1);
    await expect(meetings.findOpen(meeting.code)).rejects.toMatchObject({ code: 'MEETING_ENDED' });
  });

  it('keeps a meeting whose only seat still waits for its PeerJS connection, and ends it once that seat is freed', async () => {
    const meeting = await meetings.create(host, 'Someone on the way');
    const rooms = createRoomRegistry();
    const participant = {
      peerId: 'peer-1',
      userId: 'guest-1',
      displayName: 'Guest',
      media: { audio: true, video: true, screen: false },
      joinedAt: new Date(clock.now()).toISOString(),
      role: 'participant' as const,
    };
    rooms.add({ participant, meetingId: meeting.id, socketId: 'socket-1', seat: 'nonce', ready: false });
    clock.advance(7 * DAY + 60_000);
    expect(await meetings.expireIdle(rooms.occupied)).toBe(0);

    // Ready or not, the seat counts; once freed, the idle week runs from the last sweep that saw it.
    rooms.update(meeting.id, 'peer-1', { ready: true });
    clock.advance(DAY);
    expect(await meetings.expireIdle(rooms.occupied)).toBe(0);
    rooms.remove(meeting.id, 'peer-1', 'socket-1');
    clock.advance(7 * DAY - 60_000);
    expect(await meetings.expireIdle(rooms.occupied)).toBe(0);
    clock.advance(2 * 60_000);
    expect(await meetings.expireIdle(rooms.occupied)).toBe(1);
    expect(ended.map((m) => m.code)).toEqual([meeting.code]);
  });
});

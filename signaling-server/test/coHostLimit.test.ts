import { join } from 'node:path';
import { CO_HOSTS_MAX, userMessage, type MeetingControls } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
import { openSqliteStorage } from '../src/db/openSqliteStorage.js';
import { createMeetingControls } from '../src/meetings/createMeetingControls.js';
import { newMeeting } from './support/meetings.js';
import { enterMeeting, send } from './support/meetingPeople.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/** A meeting has at most CO_HOSTS_MAX co-hosts: one more gets its own code, not INTERNAL, and nothing changes. */
describe('the co-host limit', () => {
  let server: TestServer;
  let host: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  useServerWithUsers({}, ['Host', 'Ann', 'Bob'], (started, users) => {
    server = started;
    [host, ann, bob] = users;
  });

  /** Sets the meeting's co-hosts in the database, as a thousand earlier promotions would have. */
  async function storeCoHosts(code: string, count: number): Promise<void> {
    const storage = openSqliteStorage(join(server.dataDir, DATABASE_FILE));
    try {
      const controls = createMeetingControls(storage);
      const meeting = await controls.meetingOf(code);
      if (!meeting) throw new Error('no meeting');
      const coHostIds = Array.from({ length: count }, (_, i) => `co-host-${i}`);
      await controls.change(meeting, (current) => ({ ...current.state, coHostIds }));
    } finally {
      await storage.close();
    }
  }

  it('refuses the 1,001st co-host and a hand-over that would make one, with TOO_MANY_CO_HOSTS', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enterMeeting(server.url, host, code);
    const a = await enterMeeting(server.url, ann, code);
    const b = await enterMeeting(server.url, bob, code);
    await storeCoHosts(code, CO_HOSTS_MAX);
    const refused = { ok: false, error: { code: 'TOO_MANY_CO_HOSTS', message: userMessage('TOO_MANY_CO_HOSTS') } };

    expect(await send(h, 'moderation:setRole', { peerId: a.peerId, role: 'co-host' })).toEqual(refused);
    // Handing hosting to a participant keeps the former host as a co-host: one too many as well.
    expect(await send(h, 'moderation:handOver', { peerId: b.peerId })).toEqual(refused);
    const unchanged = await send<MeetingControls>(h, 'moderation:state');
    expect(unchanged.ok && unchanged.data.hostUserId).toBe(host.session.user.id);
    expect(unchanged.ok && unchanged.data.coHostUserIds).toHaveLength(CO_HOSTS_MAX);
    expect(unchanged.ok && unchanged.data.coHostUserIds).not.toContain(ann.session.user.id);

    // One place free: the same request goes through.
    await storeCoHosts(code, CO_HOSTS_MAX - 1);
    const promoted = await send<MeetingControls>(h, 'moderation:setRole', { peerId: a.peerId, role: 'co-host' });
    expect(promoted.ok && promoted.data.coHostUserIds.at(-1)).toBe(ann.session.user.id);
  });
});

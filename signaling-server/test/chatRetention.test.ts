import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
import { newMeeting } from './support/meetings.js';
import { closeAllPeerSockets } from './support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady, request } from './support/sockets.js';
import { startTestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser } from './support/users.js';

const DAY = 86_400_000;

function storedMessages(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM chat_messages').get() as { count: number }).count;
  } finally {
    db.close();
  }
}

describe('chat retention (WAVA_CHAT_RETENTION)', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('keeps an ended meeting’s messages for the retention time, and the housekeeping deletes them after', async () => {
    const clock = createTestClock();
    const env = { WAVA_CHAT_RETENTION: '2d' };
    const first = await startTestServer({ now: clock.now, env });
    const host = await registerUser(first.api, 'Host');
    const code = await newMeeting(first.api, host);
    const socket = await connectSocket(first.url, host.session.accessToken);
    await joinReady(socket, code);
    expect(await request(socket, 'chat:send', { text: 'minutes of the meeting' })).toMatchObject({ ok: true });
    expect(await request(socket, 'meeting:end', {})).toMatchObject({ ok: true });
    await first.stop();
    expect(storedMessages(first.dataDir)).toBe(1);

    // A day later the sweep at start keeps them; three days later it deletes them.
    clock.advance(DAY);
    const second = await startTestServer({ now: clock.now, env, dataDir: first.dataDir });
    await second.stop();
    expect(storedMessages(first.dataDir)).toBe(1);
    clock.advance(2 * DAY);
    const third = await startTestServer({ now: clock.now, env, dataDir: first.dataDir });
    await expect
      .poll(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return storedMessages(first.dataDir);
      })
      .toBe(0);
    await third.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  });
});

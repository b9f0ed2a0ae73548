import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/createLogger.js';
import { newMeeting } from './support/meetings.js';
import { enterMeeting, send } from './support/meetingPeople.js';
import { closeAllPeerSockets } from './support/peerSocket.js';
import { closeAllSockets } from './support/sockets.js';
import { startTestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

describe('host actions in the log', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('logs each host action on a person, and a muted person’s refused attempt to unmute', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const server = await startTestServer({ logger });
    try {
      const [host, ann] = [await registerUser(server.api, 'Host'), await registerUser(server.api, 'Ann')];
      const code = await newMeeting(server.api, host);
      const h = await enterMeeting(server.url, host, code);
      const a = await enterMeeting(server.url, ann, code);
      await send(h, 'moderation:settings', { unmute: 'hosts' });
      await send(h, 'moderation:mute', { peerId: a.peerId });
      expect(await send(a, 'media:update', { audio: true })).toMatchObject({ error: { code: 'UNMUTE_HOSTS_ONLY' } });
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records).toContainEqual(
        expect.objectContaining({ msg: 'host action', action: 'muted', peerId: a.peerId, by: h.peerId }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({
          msg: 'media change refused by the meeting settings',
          refusal: 'UNMUTE_HOSTS_ONLY',
          peerId: a.peerId,
        }),
      );
    } finally {
      await server.dispose();
    }
  });
});

import { userMessage, type JoinResult, type MeetingControls, type Participant } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { enterMeeting, send } from './support/meetingPeople.js';
import { closeAllPeerSockets, openPeerSocket } from './support/peerSocket.js';
import { closeAllSockets, connectSocket, request } from './support/sockets.js';
import { startTestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

/**
 * An ask to unmute is kept with the meeting's controls in the database: the person can still accept it after a
 * server restart (their app shows the ask all along), it is used up by unmuting, and a mute takes it back.
 */
describe('an ask to unmute and a server restart', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  const refused = (code: string) => ({ ok: false, error: { code, message: userMessage(code) } });

  it('outlives the restart, is used up by unmuting, and a mute takes a pending one back', async () => {
    const first = await startTestServer();
    const host = await registerUser(first.api, 'Host');
    const ann = await registerUser(first.api, 'Ann');
    const code = await newMeeting(first.api, host);
    const h = await enterMeeting(first.url, host, code);
    const a = await enterMeeting(first.url, ann, code);
    expect(await send<MeetingControls>(h, 'moderation:settings', { unmute: 'hosts' })).toMatchObject({ ok: true });
    expect(await send(h, 'moderation:muteAll')).toEqual({ ok: true, data: null });
    expect(await send(h, 'moderation:askUnmute', { peerId: a.peerId })).toEqual({ ok: true, data: null });
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      // Ann's app rejoins with her peer id, still muted, and she accepts the ask.
      const again = await connectSocket(second.url, ann.session.accessToken);
      const resumed = await request<JoinResult>(again, 'meeting:join', {
        code,
        media: { audio: false, video: true },
        resume: { id: a.join.peer.id, token: a.join.peer.token },
      });
      if (!resumed.ok) throw new Error(resumed.error.code);
      await openPeerSocket(second.url, resumed.data.peer);
      const annBack = { ...a, socket: again, join: resumed.data };
      const hostBack = await enterMeeting(second.url, host, code);
      const unmuted = await send<Participant>(annBack, 'media:update', { audio: true });
      expect(unmuted.ok && unmuted.data.media.audio).toBe(true);

      // Used up: muted again, she cannot unmute herself.
      expect(await send(hostBack, 'moderation:mute', { peerId: a.peerId })).toEqual({ ok: true, data: null });
      expect(await send(annBack, 'media:update', { audio: true })).toEqual(refused('UNMUTE_HOSTS_ONLY'));
      // An ask that a mute followed is taken back.
      expect(await send(hostBack, 'moderation:askUnmute', { peerId: a.peerId })).toEqual({ ok: true, data: null });
      expect(await send(hostBack, 'moderation:mute', { peerId: a.peerId })).toEqual({ ok: true, data: null });
      expect(await send(annBack, 'media:update', { audio: true })).toEqual(refused('UNMUTE_HOSTS_ONLY'));
    } finally {
      await second.dispose();
    }
  });
});

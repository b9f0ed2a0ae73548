import type { SfuMode } from '@wava/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket, type JanusSocket } from '../../src/sfu/openJanusSocket.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady, request, type ClientSocket } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser, type TestUser } from '../support/users.js';
import { startCountingRelay, type CountingRelay } from './countingRelay.js';
import { isSfu, joinAsPublisher, logModes, proxyUrl, videoRoomHandle, type ModeLog } from './sfuSupport.js';

const SECRET = 'sfu-test-secret-of-at-least-32-characters';

/**
 * Janus refuses a seat the token the Wava server still holds for it (Janus lost it: restarted between two of
 * the server's keepalives, or an operator removed it). The client names the refused token when it asks for its
 * credentials again; the server checks with Janus and issues a new one, and the person publishes again.
 */
describe('a token Janus refuses (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let admin: JanusSocket;
  let users: TestUser[];
  let adminRelay: CountingRelay;

  beforeAll(async () => {
    janus = await startJanus({ secret: SECRET });
    adminRelay = await startCountingRelay(janus.adminUrl);
    server = await startTestServer({
      env: {
        WAVA_SFU_URLS: janus.url,
        WAVA_SFU_ADMIN_URLS: adminRelay.url,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
      },
    });
    admin = await openJanusSocket(janus.adminUrl, JANUS_ADMIN_PROTOCOL);
    users = await Promise.all([1, 2, 3, 4].map((i) => registerUser(server.api, `Person ${i}`)));
  });
  afterAll(async () => {
    admin?.close();
    await server?.dispose();
    await adminRelay?.close();
    await janus?.stop();
  });
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('gets a new token for the refused one, and only when Janus really refuses it', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people: { socket: ClientSocket; modes: ModeLog }[] = [];
    for (const user of users.slice(0, 3)) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      const modes = logModes(socket);
      await joinReady(socket, code);
      people.push({ socket, modes });
    }
    const [, other, person] = people;
    const before = (await person!.modes.next(isSfu)) as SfuMode;
    const otherMode = (await other!.modes.next(isSfu)) as SfuMode;
    const publishing = await joinAsPublisher(proxyUrl(server.url, before), before.token, before.room, 'x');
    publishing.janus.close();

    // A token Janus still takes is not renewed when someone else names it (its owner naming it: see below).
    await expect(request(other!.socket, 'sfu:credentials', { refused: before.token })).resolves.toEqual({
      ok: true,
      data: otherMode,
    });

    // Janus loses the person's token: their next session is refused, though the server still holds the token.
    await admin.request({ janus: 'remove_token', token: before.token, admin_secret: SECRET });
    await expect(videoRoomHandle(proxyUrl(server.url, before), before.token)).rejects.toThrow(/403/);

    // Someone else naming it changes nothing for anyone.
    await expect(request(other!.socket, 'sfu:credentials', { refused: before.token })).resolves.toEqual({
      ok: true,
      data: otherMode,
    });
    // The person names it: a new token, for the same room, and they publish again (as themselves).
    const answer = await request<SfuMode>(person!.socket, 'sfu:credentials', { refused: before.token });
    if (!answer.ok) throw new Error(answer.error.code);
    const after = answer.data;
    expect(after).toMatchObject({ mode: 'sfu', room: before.room, generation: before.generation });
    expect(after.token).not.toBe(before.token);
    const again = await joinAsPublisher(proxyUrl(server.url, after), after.token, after.room, 'x');
    expect(again.joined).toMatchObject({ videoroom: 'joined', id: before.publisherId });
    again.janus.close();
    // The old one is no use anywhere any more, and the others' credentials are as they were.
    await expect(videoRoomHandle(proxyUrl(server.url, before), before.token)).rejects.toThrow(/403/);
    await expect(request(other!.socket, 'sfu:credentials', {})).resolves.toEqual({ ok: true, data: otherMode });
  });

  it('asks Janus at most once about a burst of refusals naming a live token, and a removal is not held up', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people: { socket: ClientSocket; modes: ModeLog }[] = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      const modes = logModes(socket);
      await joinReady(socket, code);
      people.push({ socket, modes });
    }
    const [, leaving, spammer] = people;
    const spammerMode = (await spammer!.modes.next(isSfu)) as SfuMode;
    const leavingMode = (await leaving!.modes.next(isSfu)) as SfuMode;
    const asked = adminRelay.count('list_tokens');

    // Someone at the socket rate limit names their own live token again and again.
    const burst = Array.from({ length: 30 }, () =>
      request(spammer!.socket, 'sfu:credentials', { refused: spammerMode.token }),
    );
    // Meanwhile someone leaves: their token goes, whatever the burst queued.
    await request(leaving!.socket, 'meeting:leave', {});
    for (const answer of await Promise.all(burst)) expect(answer).toEqual({ ok: true, data: spammerMode });
    expect(adminRelay.count('list_tokens') - asked).toBeLessThanOrEqual(1);
    await expect(videoRoomHandle(proxyUrl(server.url, leavingMode), leavingMode.token)).rejects.toThrow(/403/);
  });
});

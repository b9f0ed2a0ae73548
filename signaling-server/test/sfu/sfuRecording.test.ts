import type { SfuMode } from '@wava/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser } from '../support/users.js';
import { isSfu, logModes, proxyUrl, videoRoomHandle } from './sfuSupport.js';

const SECRET = 'sfu-test-secret-of-at-least-32-characters';

/**
 * Review: VideoRoom lets a publisher start recording itself (`configure` with `record` and a `filename`, a path
 * on the Janus host) unless the room is created with `lock_record`. A participant must not be able to make the
 * SFU write files (anywhere, of any size).
 */
describe('recording on the SFU (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let mode: SfuMode;

  beforeAll(async () => {
    janus = await startJanus({ secret: SECRET });
    server = await startTestServer({
      env: {
        WAVA_SFU_URLS: janus.url,
        WAVA_SFU_ADMIN_URLS: janus.adminUrl,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
        WAVA_SFU_TALKING_PACKETS: '75',
        WAVA_SFU_TALKING_LEVEL: '40',
      },
    });
    const users = await Promise.all([1, 2, 3].map((i) => registerUser(server.api, `Person ${i}`)));
    const code = await newMeeting(server.api, users[0]!);
    const logs = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      logs.push(logModes(socket));
      await joinReady(socket, code);
    }
    mode = (await logs[0]!.next(isSfu)) as SfuMode;
  });
  afterAll(async () => {
    closeAllPeerSockets();
    closeAllSockets();
    await server?.dispose();
    await janus?.stop();
  });
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  const recordRequest = { request: 'configure', record: true, filename: '/tmp/wava-review-recording' };

  async function publisher(url: string) {
    const handle = await videoRoomHandle(url, mode.token);
    closers.push(() => handle.janus.close());
    await handle.send({
      request: 'join',
      ptype: 'publisher',
      room: mode.room,
      id: mode.publisherId,
      token: mode.token,
    });
    return handle;
  }

  it('is locked in the room itself (only the room secret, which clients never get, starts it)', async () => {
    // As Janus describes the room to whoever holds the VideoRoom admin key (the Wava server).
    const { send } = await videoRoomHandle(janus.url, mode.token);
    const listed = await send({ request: 'list', admin_key: SECRET });
    const rooms = listed.list as { room: string; lock_record?: boolean }[];
    expect(rooms.find((room) => room.room === mode.room)).toMatchObject({ lock_record: true });
  });

  it('is created with the configured talking threshold (WAVA_SFU_TALKING_PACKETS, WAVA_SFU_TALKING_LEVEL)', async () => {
    const { janus: socket, send } = await videoRoomHandle(janus.url, mode.token);
    closers.push(() => socket.close());
    const listed = await send({ request: 'list', admin_key: SECRET });
    const rooms = listed.list as { room: string }[];
    expect(rooms.find((room) => room.room === mode.room)).toMatchObject({
      audiolevel_event: true,
      audio_active_packets: 75,
      audio_level_average: 40,
    });
  });

  it('is not passed on by the /sfu proxy', async () => {
    const { janus: socket, send } = await publisher(proxyUrl(server.url, mode));
    const closed = new Promise<void>((resolve) => socket.onClose(resolve));
    await expect(send(recordRequest)).rejects.toThrow(/closed/);
    await closed;
  });
});

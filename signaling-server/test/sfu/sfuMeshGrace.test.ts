import type { JoinResult, MeetingMode, SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import type { JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { connectSocket, nextEvent, openPeerOf, request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { isSfu, logModes, videoRoomHandle } from './sfuSupport.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { useSfuServer } from './useSfuServer.js';

/** The grace after a meeting went back to mesh (make before break), with a long grace so that no test races it. */
describe('the SFU media kept for the mesh grace (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let users: TestUser[];

  useSfuServer(
    { instances: 1, people: 3, env: { WAVA_SFU_MESH_GRACE: '60s', WAVA_PEER_READY_TIMEOUT: '60s' } },
    (started, [instance], registered) => {
      server = started;
      janus = instance!;
      users = registered;
    },
  );

  const enter = (user: TestUser, code: string) => enterMeeting(server, user, code);
  const meshAfterSfu = (person: MeetingPerson) => {
    const sfuAt = person.modes.all.findIndex(isSfu);
    return person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
  };

  it('keeps a dropped connection’s SFU credentials of the grace for its rejoin', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const [leaving, staying, dropping] = [
      await enter(users[0]!, code),
      await enter(users[1]!, code),
      await enter(users[2]!, code),
    ] as [MeetingPerson, MeetingPerson, MeetingPerson];
    const mine = (await dropping.modes.next(isSfu)) as SfuMode;

    // Back to mesh: the two left keep their SFU credentials for the grace.
    await request(leaving.socket, 'meeting:leave', {});
    await expect(meshAfterSfu(dropping)).resolves.toMatchObject({ sfuGraceMs: expect.any(Number) });

    // Then a connection drops (no leave) during the grace: its token is not revoked at once.
    dropping.socket.disconnect();
    await nextEvent(staying.socket, 'participant:left');
    await request(staying.socket, 'sfu:credentials', {}); // answered once the meeting's changes are done
    const kept = await videoRoomHandle(janus.url, mine.token);
    kept.janus.close();

    // Back with the same peer id: still in the grace, its SFU media carries on until the mesh shows pictures.
    const socket = await connectSocket(server.url, users[2]!.session.accessToken);
    const again = logModes(socket);
    const resumed = await request<JoinResult>(socket, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: dropping.join.peer.id, token: dropping.join.peer.token },
    });
    if (!resumed.ok) throw new Error(resumed.error.code);
    await openPeerOf(socket, resumed.data);
    await expect(again.next((mode: MeetingMode) => mode.mode === 'mesh')).resolves.toMatchObject({
      sfuGraceMs: expect.any(Number),
    });
  });
});

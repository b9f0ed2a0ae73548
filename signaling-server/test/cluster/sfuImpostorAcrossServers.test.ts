import type { SfuMode } from '@wava/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { connectSocket, joinReady, request } from '../support/sockets.js';
import { useTwoServers } from '../support/twoServers.js';
import { registerUser } from '../support/users.js';
import { isSfu, joinAsPublisher, logModes, videoRoomHandle } from '../sfu/sfuSupport.js';

const SECRET = 'sfu-cluster-impostor-secret-of-32-characters-or-more';

/**
 * Direct mode (WAVA_SFU_PUBLIC_URLS) with two servers: the impostor's seat is on one server, the victim's on the
 * other. Both servers' guards audit the same Janus; the impostor's token is revoked (by its own server) before
 * its handle is detached, so it cannot take the victim's id again.
 */
describe('an SFU impostor across servers (Redis, real Janus, direct mode)', () => {
  let janus: JanusProcess;
  const twoServers = useTwoServers();

  beforeAll(async () => {
    janus = await startJanus({ secret: SECRET });
  });
  afterAll(async () => {
    await janus?.stop();
  });

  it('revokes the impostor’s token on their server; the victim on the other server then joins under their id', async () => {
    const { one, two } = await twoServers({
      WAVA_SFU_URLS: janus.url,
      WAVA_SFU_ADMIN_URLS: janus.adminUrl,
      WAVA_SFU_PUBLIC_URLS: janus.url,
      WAVA_SFU_SECRET: SECRET,
      WAVA_SFU_THRESHOLD: '2',
    });
    const users = await Promise.all([1, 2, 3].map((i) => registerUser(one.api, `Person ${i}`)));
    const code = await newMeeting(one.api, users[0]!);
    const enter = async (server: typeof one, index: number) => {
      const socket = await connectSocket(server.url, users[index]!.session.accessToken);
      const modes = logModes(socket);
      await joinReady(socket, code);
      return { socket, modes };
    };
    const people = [await enter(one, 0), await enter(two, 1), await enter(one, 2)];
    const [, victim, attacker] = await Promise.all(
      people.map(async (person) => ({ ...person, mode: (await person.modes.next(isSfu)) as SfuMode })),
    );
    const sockets: { close(): void }[] = [];
    try {
      const impostor = await joinAsPublisher(
        janus.url,
        attacker!.mode.token,
        attacker!.mode.room,
        victim!.mode.publisherId,
      );
      sockets.push(impostor.janus);
      expect(impostor.joined).toMatchObject({ videoroom: 'joined', id: victim!.mode.publisherId });
      // Detached: no longer in the room under the victim's id. (Asked of Janus: its own `detached` event does not
      // always reach a client whose session is destroyed right after.)
      await expect
        .poll(
          async () => {
            const { janus: socket, send } = await videoRoomHandle(janus.url, victim!.mode.token);
            try {
              const listed = await send({ request: 'listparticipants', room: victim!.mode.room });
              return (listed.participants as { id: string }[]).map((p) => p.id);
            } finally {
              socket.close();
            }
          },
          { timeout: 15_000 },
        )
        .not.toContain(victim!.mode.publisherId);

      const again = await joinAsPublisher(
        janus.url,
        attacker!.mode.token,
        attacker!.mode.room,
        victim!.mode.publisherId,
      ).then(
        (attempt) => (sockets.push(attempt.janus), attempt.joined),
        (error: unknown) => error,
      );
      expect(again).not.toMatchObject({ videoroom: 'joined' });
      expect(await request(attacker!.socket, 'sfu:credentials', {})).toMatchObject({
        ok: true,
        data: { mode: 'mesh' },
      });

      const own = await joinAsPublisher(janus.url, victim!.mode.token, victim!.mode.room, victim!.mode.publisherId);
      sockets.push(own.janus);
      expect(own.joined).toMatchObject({ videoroom: 'joined', id: victim!.mode.publisherId });
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

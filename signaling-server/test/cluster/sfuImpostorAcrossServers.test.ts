import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { isSfu, joinAsPublisher, videoRoomHandle } from '../sfu/sfuSupport.js';
import { useSfuCluster } from './useSfuCluster.js';

/**
 * Direct mode (WAVA_SFU_PUBLIC_URLS) with two servers: the impostor's seat is on one server, the victim's on the
 * other. Both servers' guards audit the same Janus; the impostor's token is revoked (by its own server) before
 * its handle is detached, so it cannot take the victim's id again.
 */
describe('an SFU impostor across servers (Redis, real Janus, direct mode)', () => {
  const sfuMeeting = useSfuCluster();

  it('revokes the impostor’s token on their server; the victim on the other server then joins under their id', async () => {
    const { one, two, janus, enter } = await sfuMeeting({ people: 3, directMode: true });
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

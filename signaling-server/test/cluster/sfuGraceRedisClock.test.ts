import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';

/** Five minutes: what a server whose clock is off (no NTP) may be apart from the others. */
const SKEW_MS = 5 * 60_000;

/**
 * A room's grace (WAVA_SFU_MESH_GRACE) across servers that do not share a clock: the grace is measured by Redis
 * alone. (Graces and meetings every server left, ended by whoever comes next: sfuGraceSweep.test.)
 */
describe('the mesh grace kept by Redis (real Janus, PostgreSQL, Redis)', () => {
  const { janus, deployment } = useGraceDeployment();

  it('goes back into the room within the grace when the server that decides has a clock minutes ahead', async () => {
    const { first, start, enter } = await deployment(60_000, 4);
    const ahead = await start({ now: () => Date.now() + SKEW_MS });
    const leaving = await enter(first, 0);
    const staying = [await enter(ahead, 1), await enter(ahead, 2)];
    const before = (await staying[0]!.modes.next(isSfu)) as SfuMode;
    await leaving.modes.next(isSfu);

    // The first server moves the meeting to mesh and starts the grace; the people on the other one keep the room.
    await request(leaving.socket, 'meeting:leave', {});
    for (const person of staying) expect(await backToMesh(person)).toMatchObject({ sfuGraceMs: expect.any(Number) });

    // A newcomer on the server whose clock is ahead, seconds later: still within the grace, back into that room.
    const newcomer = await enter(ahead, 3);
    const placedAgain = (await newcomer.modes.next(isSfu)) as SfuMode;
    expect(placedAgain).toMatchObject({ room: before.room, generation: before.generation });
    expect(await janusRooms(janus().url, SFU_SECRET)).toContain(before.room);
  });
});

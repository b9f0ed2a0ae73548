import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { isSfu, janusRooms, janusTokens, joinAsPublisher, SFU_SECRET } from '../sfu/sfuSupport.js';
import { useSfuCluster } from './useSfuCluster.js';

/**
 * Back to mesh, decided by a server none of whose people is left in the room: the people of the other server were
 * told their SFU media lasts for the grace (make before break), so the room must live that long.
 */
describe('the mesh grace across servers (Redis, real Janus)', () => {
  const sfuMeeting = useSfuCluster();

  it('keeps the room for the grace when the last person of the server that moves the meeting leaves, and goes back into it when the meeting grows again', async () => {
    const { one, two, janus, enter } = await sfuMeeting({ people: 4, env: { WAVA_SFU_MESH_GRACE: '60s' } });
    const leaving = await enter(one, 0);
    const staying = [await enter(two, 1), await enter(two, 2)];
    const before = (await staying[0]!.modes.next(isSfu)) as SfuMode;
    await leaving.modes.next(isSfu);

    // The only person on server 1 leaves: server 1 moves the meeting to mesh; server 2's people hear of a grace.
    await request(leaving.socket, 'meeting:leave', {});
    for (const person of staying) {
      const sfuAt = person.modes.all.findIndex(isSfu);
      const mesh = await person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
      expect(mesh).toMatchObject({ mode: 'mesh', sfuGraceMs: expect.any(Number) });
    }
    // Someone joins on server 1 within the grace: 3 people, back on the SFU, in the room still alive, with the
    // credentials everyone still holds there (so nobody publishes twice), placed by server 1, followed by server 2.
    const newcomer = await enter(one, 3);
    const placedAgain = (await newcomer.modes.next(isSfu)) as SfuMode;
    expect(placedAgain).toMatchObject({ room: before.room, generation: before.generation });
    for (const person of staying) {
      const meshAt = person.modes.all.map((mode) => mode.mode).lastIndexOf('mesh');
      const again = await person.modes.next((mode) => isSfu(mode) && person.modes.all.indexOf(mode) > meshAt);
      expect(again).toEqual(person.modes.all.find(isSfu));
    }

    // The room the two on server 2 were told to keep for the grace is still there: their media still flows.
    const still = await joinAsPublisher(janus.url, before.token, before.room, before.publisherId);
    expect(still.joined).toMatchObject({ videoroom: 'joined', id: before.publisherId });
    still.janus.close();
    const joined = await joinAsPublisher(janus.url, placedAgain.token, placedAgain.room, placedAgain.publisherId);
    expect(joined.joined).toMatchObject({ videoroom: 'joined', id: placedAgain.publisherId });
    joined.janus.close();
  });

  it('places the meeting in a new room once the grace is over, even when the server keeping it stopped meanwhile', async () => {
    const graceMs = 1_000;
    const { one, two, janus, enter } = await sfuMeeting({ people: 6, env: { WAVA_SFU_MESH_GRACE: `${graceMs}ms` } });
    const onTwo = [await enter(two, 0), await enter(two, 1), await enter(two, 2)];
    const before = (await onTwo[0]!.modes.next(isSfu)) as SfuMode;
    await request(onTwo[2]!.socket, 'meeting:leave', {});
    const sfuAt = onTwo[0]!.modes.all.findIndex(isSfu);
    await onTwo[0]!.modes.next((mode) => mode.mode === 'mesh' && onTwo[0]!.modes.all.indexOf(mode) > sfuAt);
    // The only server holding the room's grace stops within it (a rolling deploy): no timer of its ends the room.
    await two.dispose();
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));

    // Past the grace, three people on server 1: a new room, where the stopped server's tokens admit nobody.
    const people = [await enter(one, 3), await enter(one, 4), await enter(one, 5)];
    const placed = (await people[0]!.modes.next(isSfu)) as SfuMode;
    expect(placed.generation).toBeGreaterThan(before.generation);
    expect(placed.room).not.toBe(before.room);
    // The room left goes, and so do the stopped server's tokens there: Janus takes them no more (Janus's part of
    // ending it comes after the meeting's lock, so maybe just after the new room is told: sfuSlowJanus.test).
    await expect.poll(() => janusRooms(janus.url, SFU_SECRET), { timeout: 10_000 }).not.toContain(before.room);
    expect(await janusTokens(janus.adminUrl, SFU_SECRET)).not.toContain(before.token);
  });
});

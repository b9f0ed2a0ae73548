import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import type { JanusSocket } from '../../src/sfu/openJanusSocket.js';
import type { JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { isSfu, janusRooms, joinAsPublisher, proxyUrl, SFU_SECRET as SECRET } from './sfuSupport.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { useSfuServer } from './useSfuServer.js';

/** A Janus session kept open through the /sfu proxy, and whether it is still open. */
interface Publishing {
  janus: JanusSocket;
  open(): boolean;
}

/**
 * SFU -> mesh -> SFU within the mesh grace (2, 3, 2, 3 people): the meeting goes back into the room it left, which
 * is still alive for the grace, with the same credentials, so the sessions still in it carry on and nobody
 * publishes twice; and while a room is in its grace, it counts where the next meeting is placed.
 */
describe('a meeting placed on the SFU again within the grace (real Janus)', () => {
  let janusA: JanusProcess;
  let janusB: JanusProcess;
  let server: TestServer;
  let users: TestUser[];

  useSfuServer(
    { instances: 2, people: 7, env: { WAVA_SFU_MESH_GRACE: '60s', WAVA_PEER_READY_TIMEOUT: '2s' } },
    (started, instances, registered) => {
      server = started;
      [janusA, janusB] = instances as [JanusProcess, JanusProcess];
      users = registered;
    },
  );

  const enter = (user: TestUser, code: string) => enterMeeting(server, user, code, { firstMode: true });
  const holding = async (mode: SfuMode) => {
    const [onA, onB] = await Promise.all([janusA, janusB].map((janus) => janusRooms(janus.url, SECRET)));
    return onA!.includes(mode.room) ? janusA : onB!.includes(mode.room) ? janusB : null;
  };

  // First in this file: it needs both instances empty.
  it('places another meeting beside a room in its grace, not on its instance', async () => {
    const first = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, first), await enter(users[1]!, first), await enter(users[2]!, first)];
    const placed = await sfuOf(people[0]!);
    const retiringOn = await holding(placed);
    expect(retiringOn).not.toBeNull();
    await request(people[2]!.socket, 'meeting:leave', {});
    await meshAfterSfu(people[0]!);

    const second = await newMeeting(server.api, users[3]!);
    const others = [await enter(users[3]!, second), await enter(users[4]!, second), await enter(users[5]!, second)];
    const other = await sfuOf(others[0]!);
    expect(await holding(other)).toBe(retiringOn === janusA ? janusB : janusA);
  });

  it('goes back into the same room with the same credentials: the sessions in it carry on, and no room is added', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, code), await enter(users[1]!, code), await enter(users[2]!, code)];
    const before = await Promise.all(people.map(sfuOf));
    const holder = (await holding(before[0]!))!;
    const sessions = await Promise.all(before.slice(0, 2).map((mode) => publish(server, mode)));

    // 3 -> 2: back to mesh, the room kept for the grace.
    await request(people[2]!.socket, 'meeting:leave', {});
    for (const person of people.slice(0, 2)) {
      await expect(meshAfterSfu(person)).resolves.toMatchObject({ sfuGraceMs: expect.any(Number) });
    }
    const rooms = (await janusRooms(holder.url, SECRET)).sort();

    // 2 -> 3 within the grace: the same room, generation and tokens; nobody has to publish again.
    const newcomer = await enter(users[6]!, code);
    const again = await Promise.all(people.slice(0, 2).map(sfuAfterMesh));
    expect(again).toEqual(before.slice(0, 2));
    const joined = await sfuOf(newcomer);
    expect(joined).toMatchObject({ room: before[0]!.room, generation: before[0]!.generation });
    expect((await janusRooms(holder.url, SECRET)).sort()).toEqual(rooms);
    expect(sessions.map((session) => session.open())).toEqual([true, true]);
    const newcomerSession = await joinAsPublisher(proxyUrl(server.url, joined), joined.token, joined.room, 'x');
    expect(newcomerSession.joined).toMatchObject({ videoroom: 'joined', id: joined.publisherId });
    newcomerSession.janus.close();
    await expect(request(people[0]!.socket, 'sfu:credentials', {})).resolves.toEqual({ ok: true, data: before[0] });
  });

  it('does not give back the token of someone removed during the grace', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, code), await enter(users[1]!, code), await enter(users[2]!, code)];
    const [host, removed] = (await Promise.all(people.slice(0, 2).map(sfuOf))) as [SfuMode, SfuMode];
    const holder = (await holding(host))!;
    await request(people[2]!.socket, 'meeting:leave', {});
    await meshAfterSfu(people[0]!);
    await expect(
      request(people[0]!.socket, 'moderation:remove', { peerId: removed.publisherId }),
    ).resolves.toMatchObject({ ok: true });

    // Two more: three people, back into the same room; the removed person's token opens it neither through the
    // server nor at Janus itself, while the host's still does.
    const newcomers = [await enter(users[3]!, code), await enter(users[4]!, code)];
    await expect(sfuAfterMesh(people[0]!)).resolves.toEqual(host);
    await sfuOf(newcomers[0]!);
    await expect(
      joinAsPublisher(proxyUrl(server.url, removed), removed.token, removed.room, removed.publisherId),
    ).rejects.toThrow();
    await expect(joinAsPublisher(holder.url, removed.token, removed.room, removed.publisherId)).rejects.toThrow();
    const still = await joinAsPublisher(holder.url, host.token, host.room, 'someone-else');
    expect(still.joined).toMatchObject({ videoroom: 'joined' });
    still.janus.close();
  });
});

describe('the room a meeting went back into, after the grace it was left with (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let users: TestUser[];
  const graceMs = 2_000;

  useSfuServer(
    { instances: 1, people: 4, env: { WAVA_SFU_MESH_GRACE: `${graceMs}ms` } },
    (started, [instance], registered) => {
      server = started;
      janus = instance!;
      users = registered;
    },
  );

  it('lives on, with the sessions in it, once that grace is over', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [
      await enterMeeting(server, users[0]!, code, { firstMode: true }),
      await enterMeeting(server, users[1]!, code, { firstMode: true }),
      await enterMeeting(server, users[2]!, code, { firstMode: true }),
    ];
    const before = await sfuOf(people[0]!);
    const session = await publish(server, before);
    await request(people[2]!.socket, 'meeting:leave', {});
    await meshAfterSfu(people[0]!);
    await enterMeeting(server, users[3]!, code, { firstMode: true });
    await expect(sfuAfterMesh(people[0]!)).resolves.toEqual(before);

    // Past the grace the room was left with: neither the room nor the session in it was ended.
    await new Promise((resolve) => setTimeout(resolve, graceMs + 1_000));
    expect(await janusRooms(janus.url, SECRET)).toContain(before.room);
    expect(session.open()).toBe(true);
    await expect(request(people[0]!.socket, 'sfu:credentials', {})).resolves.toEqual({ ok: true, data: before });
  });
});

const sfuOf = (person: MeetingPerson) => person.modes.next(isSfu) as Promise<SfuMode>;

/** The first mesh mode after the person was on the SFU. */
const meshAfterSfu = (person: MeetingPerson) => {
  const sfuAt = person.modes.all.findIndex(isSfu);
  return person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
};

/** The first SFU mode after the person went back to mesh from the SFU. */
const sfuAfterMesh = async (person: MeetingPerson) => {
  const meshAt = person.modes.all.indexOf(await meshAfterSfu(person));
  return (await person.modes.next((mode) => isSfu(mode) && person.modes.all.indexOf(mode) > meshAt)) as SfuMode;
};

/** Publishes (no media) through the /sfu proxy with the mode's credentials, and keeps the session open. */
async function publish(server: TestServer, mode: SfuMode): Promise<Publishing> {
  const { janus } = await joinAsPublisher(proxyUrl(server.url, mode), mode.token, mode.room, mode.publisherId);
  let open = true;
  janus.onClose(() => (open = false));
  return { janus, open: () => open };
}

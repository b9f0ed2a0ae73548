import type { SfuMode } from '@wava/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { JanusSocket } from '../../src/sfu/openJanusSocket.js';
import { newMeeting } from '../support/meetings.js';
import { request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { startHoldingRelay, type HoldingRelay } from './holdingRelay.js';
import { handlesWithToken, isSfu, joinAsPublisher, proxyUrl, SFU_SECRET } from './sfuSupport.js';
import { useSfuServer } from './useSfuServer.js';

const GRACE_MS = 3_000;

/** Which of the server's VideoRoom requests the relay in front of Janus holds, and those it held. */
let holding: 'nothing' | 'revocations' | 'rooms' = 'nothing';
const heldRequests: unknown[] = [];
const held = (body: Record<string, unknown>) => {
  const hold =
    holding === 'revocations'
      ? body.request === 'kick' || (body.request === 'allowed' && body.action === 'remove')
      : holding === 'rooms' && (body.request === 'create' || body.request === 'destroy');
  if (hold) heldRequests.push(body.request);
  return hold;
};

/**
 * One server (the memory store): a room ended for everyone (endRoomForEveryone, here a meeting growing again past a
 * grace whose end had not come round yet) drops the meeting's tokens with the placement its change stores, and the
 * server closes the `/sfu` connections made with them (SfuStore.onDropped). The server talks to Janus through a
 * relay that holds its revocations (so that the meeting's changes wait while the grace runs out), then its room
 * creation and destruction. Growing makes the new room first, under the meeting's lock, and stores the placement
 * (the old room's tokens dropped with it) only after: with the creation held, the change goes on once the server's
 * request to Janus times out (10 s), and stores the meeting in the mesh with no room, its tokens dropped with that.
 * So the connection is seen closed by the drop alone: the grace's own end, which revokes the same tokens, is
 * queued behind the change. Had it come first, its request to destroy the room (held) would have come before the
 * creation, and the test would fail on that order rather than pass for that reason. (Once the creation timed out,
 * the server goes on to destroy rooms, the ended one and what it finds on Janus: that request may come before or
 * after the close is seen, so only the first request after the release is checked.)
 */
describe('a room ended for everyone on one server, seen from a proxied Janus connection (real Janus)', () => {
  let relay: HoldingRelay | undefined;
  // Registered before the server's hooks: runs after the server and Janus have stopped.
  afterAll(async () => {
    await relay?.close();
  });
  let server: TestServer;
  let users: TestUser[];
  let admin: JanusSocket;
  useSfuServer(
    {
      instances: 1,
      people: 5,
      admin: true,
      env: async ([janus]) => {
        relay = await startHoldingRelay(janus!.url, held);
        return { WAVA_SFU_URLS: relay.url, WAVA_SFU_MESH_GRACE: `${GRACE_MS}ms`, WAVA_PEER_READY_TIMEOUT: '60s' };
      },
    },
    (started, _janus, registered, adminSocket) => {
      server = started;
      users = registered;
      admin = adminSocket!;
    },
  );
  const opened: JanusSocket[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.close();
    relay?.release();
  });

  const meshAfterSfu = (person: MeetingPerson) => {
    const sfuAt = person.modes.all.findIndex(isSfu);
    return person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
  };

  it('closes the proxied connection as soon as the tokens are dropped, and Janus ends its session', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const enter = (index: number) => enterMeeting(server, users[index]!, code);
    const [first, second, third] = [await enter(0), await enter(1), await enter(2)] as MeetingPerson[];
    const mine = (await first!.modes.next(isSfu)) as SfuMode;
    // Person 1 reaches Janus through the server's `/sfu`.
    const proxied = await joinAsPublisher(proxyUrl(server.url, mine), mine.token, mine.room, mine.publisherId);
    opened.push(proxied.janus);
    let closed = false;
    proxied.janus.onClose(() => (closed = true));
    const sessionsOfMine = () => handlesWithToken(admin, SFU_SECRET, mine.token);
    expect(await sessionsOfMine()).toHaveLength(1);

    // Back to mesh: the room and the tokens of the two left stay for the grace.
    await request(third!.socket, 'meeting:leave', {});
    await meshAfterSfu(first!);
    const graceStarted = Date.now();
    // Person 2 leaves: revoking their token waits for Janus, and the meeting's next changes wait behind it.
    holding = 'revocations';
    await request(second!.socket, 'meeting:leave', {});
    await expect.poll(() => relay!.held(), { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    // Two more come: the meeting grows past the threshold again, once its changes go on.
    await enter(3);
    await enter(4);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, graceStarted + GRACE_MS + 500 - Date.now())));
    expect(closed).toBe(false);

    // Janus answers the revocation; the meeting grows past a grace that is over: the new room's creation is held,
    // until the server's request times out (10 s) and the meeting's change stores it in the mesh, its room ended
    // for everyone.
    const heldBefore = heldRequests.length;
    holding = 'rooms';
    relay!.letThrough();
    await expect.poll(() => heldRequests.length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(heldBefore);
    expect(heldRequests.slice(heldBefore)).toEqual(['create']);
    await expect.poll(() => closed, { timeout: 20_000, interval: 50 }).toBe(true);
    await expect.poll(sessionsOfMine, { timeout: 10_000, interval: 100 }).toEqual([]);
  }, 60_000);
});

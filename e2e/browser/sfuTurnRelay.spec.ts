import { createApiClient, type JoinResult, type SfuMode } from '@wava/protocol';
import { newMeeting } from '../../signaling-server/test/support/meetings.js';
import { closeAllPeerSockets } from '../../signaling-server/test/support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady } from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { publishInPage, sfuStats, subscribeInPage } from '../support/janusPage.js';
import { dropUdpTo, packetFilterRefusal } from '../support/packetFilter.js';
import { expect, sfuRefusal, test as sfuTest } from '../support/sfuFixtures.js';
import { VETH } from '../support/vethPair.js';
import { SFU_VETH_INTERFACES } from '../support/janusInNamespace.js';
import { waitFor } from '../support/waitFor.js';

const TURN_SECRET = `e2e-turn-secret-${Math.random().toString(36).slice(2)}`;
/** coturn drops to this user once started, so the packet filter lets its relayed packets through, and only them. */
const RELAY_USER = 'nobody';
/**
 * The relay's ports, below the ephemeral ports the browsers and Janus bind (32768 and up): Janus answers the relay
 * there, while nothing sent to Janus's own ports gets through but coturn's.
 */
const RELAY_PORTS = { min: 20000, max: 20040 };

/** The SFU fixtures, with a real coturn whose relay reaches Janus, and a server handing out its credentials. */
const test = sfuTest.extend<{ coturn: Coturn }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's own needs from this pattern.
  coturn: async ({}, use) => {
    const coturn = await startCoturn(TURN_SECRET, {
      relayIp: VETH.janusAddress,
      user: RELAY_USER,
      relayPorts: RELAY_PORTS,
    });
    await use(coturn);
    await coturn.stop();
  },
  serverEnv: async ({ janus, sfuThreshold, coturn }, use) => {
    await use({
      WAVA_SFU_URLS: janus.url,
      WAVA_SFU_ADMIN_URLS: janus.adminUrl,
      WAVA_SFU_SECRET: janus.secret,
      WAVA_SFU_THRESHOLD: sfuThreshold,
      WAVA_TURN_URLS: coturn.url,
      WAVA_TURN_SECRET: TURN_SECRET,
    });
  },
});

const refusal = sfuRefusal() ?? packetFilterRefusal([VETH.janusSide, VETH.otherSide, ...SFU_VETH_INTERFACES]);
test.skip(refusal !== null, `needs scripts/e2e.sh as root: ${refusal}`);
test.afterEach(() => {
  closeAllPeerSockets();
  closeAllSockets();
});

test('browsers that cannot reach Janus directly publish and receive through TURN with the server’s credentials', async ({
  server,
  browser,
  coturn,
}) => {
  const api = createApiClient(server.url);
  const users = await Promise.all(['Ann', 'Ben', 'Cat'].map((name) => registerUser(api, name)));
  const code = await newMeeting(api, users[0]!);
  // Three seats (past the threshold of 2): each has its SFU credentials and the join's short-lived TURN ones.
  const seats: { join: JoinResult; mode: Promise<SfuMode> }[] = [];
  for (const user of users) {
    const socket = await connectSocket(server.url, user.session.accessToken);
    const mode = new Promise<SfuMode>((resolve) =>
      socket.on('meeting:mode', (next) => {
        if (next.mode === 'sfu') resolve(next);
      }),
    );
    seats.push({ join: await joinReady(socket, code), mode });
  }
  const [ann, ben] = await Promise.all(seats.slice(0, 2).map(async (seat) => ({ ...seat, sfu: await seat.mode })));
  // Every ICE policy is allowed: the browsers try Janus directly first, and TURN is what is left.
  expect(ann!.join.ice.iceTransportPolicy).toBe('all');
  expect(ann!.join.ice.iceServers.flatMap((s) => s.urls)).toContain(coturn.url);

  // Nothing but coturn may send UDP to Janus's media address: the browsers' direct path is gone.
  const blocked = await dropUdpTo(VETH.janusAddress, {
    exceptUser: RELAY_USER,
    open: RELAY_PORTS,
    allowedInterfaces: [VETH.janusSide, VETH.otherSide, ...SFU_VETH_INTERFACES],
  });
  const context = await browser.newContext();
  try {
    const [annPage, benPage] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([annPage.goto(`${server.url}/healthz`), benPage.goto(`${server.url}/healthz`)]);
    await publishInPage(annPage, ann!.sfu, ann!.join.ice);
    const sent = await waitFor('Ann to send video to Janus through TURN', async () => {
      const now = await sfuStats(annPage);
      return now.framesSent > 0 ? now : undefined;
    });
    expect(sent.localCandidateType).toBe('relay');
    expect(sent.remoteAddress).toBe(VETH.janusAddress);

    await subscribeInPage(benPage, ben!.sfu, ben!.join.ice, ann!.sfu.publisherId);
    const received = await waitFor('Ben to decode Ann’s video from Janus through TURN', async () => {
      const now = await sfuStats(benPage);
      return now.framesDecoded > 0 ? now : undefined;
    });
    expect(received.localCandidateType).toBe('relay');
    expect(received.remoteAddress).toBe(VETH.janusAddress);
  } finally {
    await context.close();
    await blocked.remove();
  }
});

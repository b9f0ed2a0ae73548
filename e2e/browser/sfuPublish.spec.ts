import { createApiClient, type JoinResult, type SfuMode } from '@wava/protocol';
import { newMeeting } from '../../signaling-server/test/support/meetings.js';
import { closeAllPeerSockets } from '../../signaling-server/test/support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady } from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { videoRoomHandle } from '../../signaling-server/test/sfu/sfuSupport.js';
import { chooseLayerInPage, publishInPage, sfuStats, subscribeInPage } from '../support/janusPage.js';
import { expect, sfuRefusal, test } from '../support/sfuFixtures.js';
import { VETH } from '../support/vethPair.js';
import { waitFor } from '../support/waitFor.js';

test.skip(sfuRefusal() !== null, `needs scripts/e2e.sh as root: ${sfuRefusal()}`);
// The default threshold: meetings of more than 4 people are on the SFU.
test.use({ sfuThreshold: '4' });
test.afterEach(() => {
  closeAllPeerSockets();
  closeAllSockets();
});

test('a browser publishes through Janus via the /sfu proxy and another decodes it', async ({
  server,
  browser,
  janus,
}) => {
  const api = createApiClient(server.url);
  const users = await Promise.all(['Ann', 'Ben', 'Cat', 'Dee', 'Eli'].map((name) => registerUser(api, name)));
  const code = await newMeeting(api, users[0]!);
  // Five seats (past the threshold of 4) over the real protocol; each learns its SFU credentials.
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
  expect(new URL(ann!.sfu.url).origin.replace(/^ws/, 'http')).toBe(server.url);

  const context = await browser.newContext();
  try {
    const [annPage, benPage] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([annPage.goto(`${server.url}/healthz`), benPage.goto(`${server.url}/healthz`)]);
    await publishInPage(annPage, ann!.sfu, ann!.join.ice);
    await waitFor('Ann to send video to Janus', async () =>
      (await sfuStats(annPage)).framesSent > 0 ? true : undefined,
    );
    await subscribeInPage(benPage, ben!.sfu, ben!.join.ice, ann!.sfu.publisherId);
    const stats = await waitFor('Ben to decode Ann’s video from Janus', async () => {
      const now = await sfuStats(benPage);
      return now.framesDecoded > 0 ? now : undefined;
    });
    // From Janus's address, not Ann's browser: the SFU forwards it.
    expect(stats.remoteAddress).toBe(VETH.janusAddress);
    // Ann sends her camera once, in three simulcast layers; Ben asks for the full one (the large area), then for
    // the smallest (a strip tile), and gets each.
    await waitFor('Ann to send all three layers', async () =>
      (await sfuStats(annPage)).layersSent.join() === 'h,l,m' ? true : undefined,
    );
    await chooseLayerInPage(benPage, 2);
    await waitFor('Ben to decode the full layer', async () =>
      (await sfuStats(benPage)).frameWidth === 960 ? true : undefined,
    );
    await chooseLayerInPage(benPage, 0);
    await waitFor('Ben to decode the smallest layer', async () =>
      (await sfuStats(benPage)).frameWidth === 240 ? true : undefined,
    );

    // Someone of another meeting, with valid credentials there, cannot subscribe to Ann here, even at Janus
    // itself (past the /sfu proxy): the room wants a private id of its own publishers.
    const otherCode = await newMeeting(api, users[1]!);
    const others = [] as Promise<SfuMode>[];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      others.push(
        new Promise<SfuMode>((resolve) =>
          socket.on('meeting:mode', (next) => {
            if (next.mode === 'sfu') resolve(next);
          }),
        ),
      );
      await joinReady(socket, otherCode);
    }
    const intruder = await others[0]!;
    const own = await videoRoomHandle(janus.url, intruder.token);
    const joinedOwn = await own.send({
      request: 'join',
      ptype: 'publisher',
      room: intruder.room,
      id: intruder.publisherId,
      token: intruder.token,
    });
    const subscription = {
      request: 'join',
      ptype: 'subscriber',
      room: ann!.sfu.room,
      streams: [{ feed: ann!.sfu.publisherId }],
      token: intruder.token,
    };
    const viewer = await videoRoomHandle(janus.url, intruder.token);
    await expect(viewer.send(subscription)).rejects.toThrow(/private_id|Unauthorized|433/);
    await expect(viewer.send({ ...subscription, private_id: joinedOwn.private_id })).rejects.toThrow(
      /private_id|Unauthorized|433/,
    );
    // The same subscription from Ann's own meeting, with Cat's token and private id, is accepted (so the
    // refusals above are about the credentials, not the request).
    const cat = await seats[2]!.mode;
    const catPublisher = await videoRoomHandle(janus.url, cat.token);
    const catJoined = await catPublisher.send({
      request: 'join',
      ptype: 'publisher',
      room: cat.room,
      id: cat.publisherId,
      token: cat.token,
    });
    const catViewer = await videoRoomHandle(janus.url, cat.token);
    await expect(
      catViewer.send({ ...subscription, token: cat.token, private_id: catJoined.private_id }),
    ).resolves.toMatchObject({ videoroom: 'attached' });
    for (const handle of [own, viewer, catPublisher, catViewer]) handle.janus.close();
  } finally {
    await context.close();
  }
});

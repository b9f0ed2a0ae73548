import { createApiClient, type SfuMode } from '@wava/protocol';
import { newMeeting } from '../../signaling-server/test/support/meetings.js';
import { closeAllPeerSockets } from '../../signaling-server/test/support/peerSocket.js';
import {
  closeAllSockets,
  connectSocket,
  joinReady,
  nextEvent,
  request,
  type ClientSocket,
} from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { videoRoomHandle } from '../../signaling-server/test/sfu/sfuSupport.js';
import { expect, sfuRefusal, test } from '../support/sfuFixtures.js';
import {
  joinSfuAsSimulated,
  type FlowStats,
  type SimulatedSfuParticipant,
} from '../support/simulatedSfuParticipant.js';
import { waitFor } from '../support/waitFor.js';

test.skip(sfuRefusal() !== null, `needs scripts/e2e.sh as root: ${sfuRefusal()}`);
test.afterEach(() => {
  closeAllPeerSockets();
  closeAllSockets();
});

type Kind = keyof FlowStats;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What Cat receives of Ben over one short window, and whether Ben kept sending it meanwhile: Janus drops a
 * moderated stream however hard its publisher sends.
 */
async function window(ben: SimulatedSfuParticipant, cat: SimulatedSfuParticipant) {
  const [sent0, got0] = [await ben.sent(), await cat.received()];
  await pause(800);
  const [sent1, got1] = [await ben.sent(), await cat.received()];
  const delta = (kind: Kind) => ({
    sent: sent1[kind].packets - sent0[kind].packets,
    received: got1[kind].packets - got0[kind].packets,
  });
  return { audio: delta('audio'), video: delta('video') };
}

/** Waits until Cat gets Ben's streams of `flowing` and none of `stopped`, while Ben sends all of them. */
function expectForwarded(
  what: string,
  ben: SimulatedSfuParticipant,
  cat: SimulatedSfuParticipant,
  forwarded: Record<Kind, boolean>,
) {
  return waitFor(what, async () => {
    const now = await window(ben, cat);
    const ok = (['audio', 'video'] as const).every(
      (kind) => now[kind].sent > 0 && (forwarded[kind] ? now[kind].received > 0 : now[kind].received === 0),
    );
    return ok ? now : undefined;
  });
}

test('Janus stops forwarding what a host muted or stopped, even from a client that ignores it, until allowed again', async ({
  server,
  janus,
}) => {
  test.setTimeout(90_000);
  const api = createApiClient(server.url);
  // Four, so the meeting stays on the SFU once Ben is removed (it goes back to mesh at 2).
  const users = await Promise.all(['Ann', 'Ben', 'Cat', 'Dan'].map((name) => registerUser(api, name)));
  const code = await newMeeting(api, users[0]!);
  const seats: { socket: ClientSocket; peerId: string; mode: Promise<SfuMode> }[] = [];
  for (const user of users) {
    const socket = await connectSocket(server.url, user.session.accessToken);
    const mode = new Promise<SfuMode>((resolve) =>
      socket.on('meeting:mode', (next) => {
        if (next.mode === 'sfu') resolve(next);
      }),
    );
    const join = await joinReady(socket, code);
    seats.push({ socket, peerId: join.self.peerId, mode });
  }
  const [annSeat, benSeat, catSeat] = seats as [(typeof seats)[0], (typeof seats)[0], (typeof seats)[0]];
  const catMode = await catSeat.mode;
  const target = { peerId: benSeat.peerId };

  // Ann (the host) mutes Ben before he publishes anything; his client ignores it and publishes its microphone.
  const noticed = nextEvent(benSeat.socket, 'moderation:action');
  await request(annSeat.socket, 'moderation:mute', target);
  await noticed;
  const ben = await joinSfuAsSimulated(await benSeat.mode);
  const cat = await joinSfuAsSimulated(catMode);
  try {
    await ben.publish();
    await cat.publish();
    const feeds = await waitFor('Cat to see Ben’s audio and camera', async () => {
      const streams = cat.feeds().filter((stream) => stream.feed === ben.publisherId);
      return streams.length === 2 ? streams : undefined;
    });
    await cat.subscribe(feeds);
    await expectForwarded('Cat to get Ben’s camera but not his muted microphone', ben, cat, {
      audio: false,
      video: true,
    });

    // Ben unmutes as the meeting allows (everyone may unmute by default): Janus forwards his audio again.
    await request(benSeat.socket, 'media:update', { audio: true });
    await expectForwarded('Cat to hear Ben once he unmuted', ben, cat, { audio: true, video: true });

    // Ann stops Ben's camera: his video stops reaching Cat, his audio does not.
    await request(annSeat.socket, 'moderation:stopVideo', target);
    await expectForwarded('Cat to stop getting Ben’s stopped camera', ben, cat, { audio: true, video: false });
    await request(benSeat.socket, 'media:update', { video: true });
    await expectForwarded('Cat to get Ben’s camera again once he turned it on', ben, cat, {
      audio: true,
      video: true,
    });

    // Ann removes Ben: his publisher is kicked out of the room, nothing of his reaches Cat any more.
    const removed = nextEvent(benSeat.socket, 'moderation:removed');
    await request(annSeat.socket, 'moderation:remove', target);
    await removed;
    await waitFor('Cat to get nothing more from the removed Ben', async () => {
      const now = await window(ben, cat);
      return now.audio.received === 0 && now.video.received === 0 ? true : undefined;
    });
    const lister = await videoRoomHandle(janus.url, catMode.token);
    const listed = await lister.send({ request: 'listparticipants', room: catMode.room });
    lister.janus.close();
    const ids = (listed.participants as { id: string }[]).map((participant) => participant.id);
    expect(ids).toContain(cat.publisherId);
    expect(ids).not.toContain(ben.publisherId);
  } finally {
    ben.close();
    cat.close();
  }
});

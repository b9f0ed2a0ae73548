import type { Page } from '@playwright/test';
import { createApiClient } from '@wava/protocol';
import { SFU_CAMERA_SIZE } from '../../desktop/src/renderer/call/acquireTrack.js';
import { CAMERA_LAYERS } from '../../desktop/src/renderer/call/sfuPublisher.js';
import { closeAllPeerSockets } from '../../signaling-server/test/support/peerSocket.js';
import { closeAllSockets, connectSocket, joined, openPeerOf } from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { cameraTracks } from '../support/rtcProbe.js';
import { expect, sfuRefusal, test } from '../support/sfuFixtures.js';
import { receivedVideo } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

test.skip(sfuRefusal() !== null, `needs scripts/e2e.sh as root: ${sfuRefusal()}`);
test.afterEach(() => {
  closeAllPeerSockets();
  closeAllSockets();
});

/**
 * Alice's fake cameras: three devices at 10 frames a second (three 960x540 simulcast encoders fit two busy cores).
 * Chromium's second fake device delivers Y16 (a depth camera's format), which WebRTC does not send, so the switch
 * goes to the third.
 */
const ALICE_CAMERAS = '--use-fake-device-for-media-stream=device-count=3,fps=10';
/** Generous on a busy two-core machine: no figure is asserted. */
const SETTLE = { timeoutMs: 45_000 };
/** Frames of the camera each simulcast layer must have sent before its sizes count as seen. */
const CAMERA_FRAMES = 10;
/** A received frame rate above the camera-off placeholder's (one frame a second): the camera's own frames. */
const CAMERA_FPS = 3;

/** What the SFU publisher's camera sender (the one with simulcast encodings) carries, sets and sends. */
interface CameraSender {
  /** The track's label: a fake camera's device name, or the placeholder's (a canvas capture) while off. */
  track: string | null;
  encodings: { rid?: string; maxBitrate?: number; scaleResolutionDownBy?: number }[];
  /** Per rid: frames encoded so far and the size of the last one. */
  layers: Record<string, { frames: number; width: number; height: number }>;
  /** Why the encoder sends less than asked (outbound-rtp qualityLimitationReason). */
  limitation: string;
}

function cameraSender(page: Page): Promise<CameraSender | null> {
  return page.evaluate(async () => {
    for (const pc of (window as unknown as { __wavaPcs?: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        const { encodings } = sender.getParameters();
        if (encodings.length < 2) continue;
        const found: CameraSender = {
          track: sender.track?.label ?? null,
          encodings: encodings.map(({ rid, maxBitrate, scaleResolutionDownBy }) => ({
            rid,
            maxBitrate,
            scaleResolutionDownBy,
          })),
          layers: {},
          limitation: 'none',
        };
        (await sender.getStats()).forEach((report: Record<string, unknown>) => {
          if (report.type !== 'outbound-rtp' || typeof report.rid !== 'string') return;
          found.layers[report.rid] = {
            frames: Number(report.framesEncoded ?? 0),
            width: Number(report.frameWidth ?? 0),
            height: Number(report.frameHeight ?? 0),
          };
          if (report.qualityLimitationReason && report.qualityLimitationReason !== 'none')
            found.limitation = String(report.qualityLimitationReason);
        });
        return found;
      }
    }
    return null;
  });
}

/** Each simulcast layer's own size, from the SFU capture (the publisher's CAMERA_LAYERS). */
const LAYER_SIZES = CAMERA_LAYERS.map(({ rid = '', scaleResolutionDownBy = 1 }) => ({
  rid,
  width: SFU_CAMERA_SIZE.width / scaleResolutionDownBy,
  height: SFU_CAMERA_SIZE.height / scaleResolutionDownBy,
}));

/**
 * Alice's camera `label` is captured at the SFU size and goes out with the publisher's encodings, and from its
 * first frames until every layer has sent some, each layer's picture has that layer's own size, never a smaller
 * one (in the mesh, a camera turned on after the camera-off placeholder once started at 320x180 for seconds).
 * Smaller is accepted only while Alice's machine is too busy to encode more (Chromium's own CPU adaptation).
 */
async function cameraGoesOutAtLayerSizes(alice: Page, label: string): Promise<void> {
  const start = await waitFor(
    `Alice's SFU sender to carry ${label}`,
    async () => {
      const now = await cameraSender(alice);
      return now?.track === label ? now : undefined;
    },
    SETTLE,
  );
  const live = (await cameraTracks(alice)).filter((track) => track.live);
  expect(live.map(({ width, height }) => ({ width, height }))).toEqual([SFU_CAMERA_SIZE]);
  const wrong: ({ rid: string } & Record<string, unknown>)[] = [];
  let last: CameraSender | null = null;
  const settled = await waitFor(
    () => `every layer to send ${label}; last seen ${JSON.stringify(last)}`,
    async () => {
      const now = await cameraSender(alice);
      last = now;
      if (now?.track !== label) return undefined;
      let all = true;
      for (const size of LAYER_SIZES) {
        const rid = size.rid;
        const layer = now.layers[rid];
        const camera = (layer?.frames ?? 0) - (start.layers[rid]?.frames ?? 0);
        if (!layer || camera <= 0) {
          all = false;
          continue;
        }
        const own = layer.width === size.width && layer.height === size.height;
        // The first wrong size each layer sent, if any.
        if (!own && now.limitation !== 'cpu' && !wrong.some((seen) => seen.rid === rid))
          wrong.push({ rid, ...layer, camera, limitation: now.limitation });
        if (camera < CAMERA_FRAMES) all = false;
      }
      return all ? now : undefined;
    },
    SETTLE,
  );
  expect(wrong).toEqual([]);
  expect(settled.encodings).toEqual(
    CAMERA_LAYERS.map(({ rid, maxBitrate, scaleResolutionDownBy }) => ({ rid, maxBitrate, scaleResolutionDownBy })),
  );
}

/** Bob, who pinned Alice (the large area asks for the top layer), receives her camera at its full size. */
async function pinnedGetsFullSize(bob: Participant, alice: Page): Promise<void> {
  await waitFor(
    "Bob to receive Alice's camera at full size",
    async () => {
      const seen = await receivedVideo(bob.tile('Alice'));
      if (seen.width === SFU_CAMERA_SIZE.width && seen.fps >= CAMERA_FPS) return true;
      return (await cameraSender(alice))?.limitation === 'cpu' ? true : undefined;
    },
    SETTLE,
  );
}

/** Turns the camera off on pre-join. */
async function cameraOffBeforeJoining(person: Participant): Promise<void> {
  await expect(person.byTestId('prejoin-toggle-camera')).toBeEnabled();
  await person.byTestId('prejoin-toggle-camera').click();
  await expect(person.byTestId('prejoin-toggle-camera')).toHaveAttribute('aria-pressed', 'false');
}

test('on the SFU a camera turned on after joining with it off goes out at each simulcast layer’s own size from its first frames, and again after off and on and a camera switch; a pinned tile gets it at full size', async ({
  server,
  people,
}) => {
  test.setTimeout(150_000);
  const own = await launchChromium([ALICE_CAMERAS]);
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  try {
    const alice = await Participant.open(own, server.url, 'Alice');
    const bob = await people.open('Bob');
    await alice.register();
    await bob.register();
    const code = await alice.createMeeting();
    await cameraOffBeforeJoining(alice);
    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await cameraOffBeforeJoining(bob);
    await bob.joinFromPreJoin();
    // A third person (no browser: a seat over the real protocol) puts the meeting past the threshold of 2.
    const dan = await registerUser(createApiClient(server.url), 'Dan');
    const socket = await connectSocket(server.url, dan.session.accessToken);
    const peer = await openPeerOf(socket, await joined(socket, code));
    // As a PeerJS client does: the server closes a silent PeerJS socket, and the seat with it.
    heartbeat = setInterval(() => peer.send({ type: 'HEARTBEAT' }), 5_000);

    // On the SFU, Alice publishes her camera-off placeholder; once her bandwidth estimate allows all three layers
    // (each has sent a frame), the camera comes on: what follows is about the encoder, not the estimate's climb.
    await waitFor(
      'Alice to publish her placeholder to the SFU in three layers',
      async () => {
        const now = await cameraSender(alice.page);
        return now && LAYER_SIZES.every(({ rid }) => (now.layers[rid]?.frames ?? 0) > 0) ? true : undefined;
      },
      SETTLE,
    );
    await bob.tile('Alice').getByTestId('tile-pin').click();
    await alice.byTestId('toggle-camera').click();
    await cameraGoesOutAtLayerSizes(alice.page, 'fake_device_0');
    await pinnedGetsFullSize(bob, alice.page);

    // Off (the placeholder goes out again) and on.
    await alice.byTestId('toggle-camera').click();
    await waitFor("Alice's placeholder back on her SFU sender", async () =>
      (await cameraSender(alice.page))?.track?.startsWith('fake_device') === false ? true : undefined,
    );
    await alice.byTestId('toggle-camera').click();
    await cameraGoesOutAtLayerSizes(alice.page, 'fake_device_0');
    await pinnedGetsFullSize(bob, alice.page);

    // Another camera, chosen during the meeting.
    await alice.byTestId('device-settings').click();
    await alice.byTestId('select-camera').selectOption({ label: 'fake_device_2' });
    await cameraGoesOutAtLayerSizes(alice.page, 'fake_device_2');
    await pinnedGetsFullSize(bob, alice.page);
  } finally {
    clearInterval(heartbeat);
    await own.close();
  }
});

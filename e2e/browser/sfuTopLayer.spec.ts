import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createApiClient } from '@wava/protocol';
import { SFU_CAMERA_SIZE } from '../../desktop/src/renderer/call/acquireTrack.js';
import { closeAllPeerSockets } from '../../signaling-server/test/support/peerSocket.js';
import { closeAllSockets, connectSocket, joined, openPeerOf } from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { launchChromium } from '../support/chromium.js';
import { framesWithoutFormat } from '../support/framesWithoutFormat.js';
import type { People } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';
import { cameraTracks, peerConnectionsCreated } from '../support/rtcProbe.js';
import { expect, sfuRefusal, test } from '../support/sfuFixtures.js';
import { receivedVideo } from '../support/tileVideo.js';
import { VETH } from '../support/vethPair.js';
import { waitFor } from '../support/waitFor.js';

test.skip(sfuRefusal() !== null, `needs scripts/e2e.sh as root: ${sfuRefusal()}`);
test.afterEach(() => {
  closeAllPeerSockets();
  closeAllSockets();
});

/** Alice's fake camera at 10 frames a second (three 960x540 simulcast encoders fit two busy cores). */
const ALICE_CAMERA = '--use-fake-device-for-media-stream=fps=10';
/** Generous on a busy two-core machine: no time is asserted, only printed. */
const SETTLE = { timeoutMs: 45_000, intervalMs: 50 };
/** A received frame rate above the camera-off placeholder's (one frame a second): the camera's own frames. */
const CAMERA_FPS = 3;

/** Two seats over the real protocol (no browser) with Bob put the meeting past the SFU threshold of 2. */
async function seat(serverUrl: string, name: string, code: string): Promise<ReturnType<typeof setInterval>> {
  const user = await registerUser(createApiClient(serverUrl), name);
  const socket = await connectSocket(serverUrl, user.session.accessToken);
  const peer = await openPeerOf(socket, await joined(socket, code));
  // As a PeerJS client does: the server closes a silent PeerJS socket, and the seat with it.
  return setInterval(() => peer.send({ type: 'HEARTBEAT' }), 5_000);
}

/** What Alice's SFU upload (the connection with the camera's simulcast encodings) does now. */
interface Upload {
  /** Chromium's bandwidth estimate (the selected pair's availableOutgoingBitrate), bits a second. */
  estimate: number;
  /** The width of the top simulcast layer's (rid `f`) last frame: 0 while it sends none. */
  topWidth: number;
  /** Why the encoder sends less than asked (outbound-rtp qualityLimitationReason): `cpu` on a busy machine. */
  limitation: string;
}

function upload(alice: Page): Promise<Upload | null> {
  return alice.evaluate(async () => {
    for (const pc of (window as unknown as { __wavaPcs?: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      if (!pc.getSenders().some((sender) => sender.getParameters().encodings.length > 1)) continue;
      const found: Upload = { estimate: 0, topWidth: 0, limitation: 'none' };
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded')
          found.estimate = Number(report.availableOutgoingBitrate ?? 0);
        if (report.type !== 'outbound-rtp' || typeof report.rid !== 'string') return;
        if (report.rid === 'f' && Number(report.framesEncoded ?? 0) > 0)
          found.topWidth = Number(report.frameWidth ?? 0);
        if (report.qualityLimitationReason && report.qualityLimitationReason !== 'none')
          found.limitation = String(report.qualityLimitationReason);
      });
      return found;
    }
    return null;
  });
}

/**
 * Bob (camera off) and two seats over the real protocol put the meeting past the SFU threshold of 2; Alice, with
 * her own browser (one 10 fps camera), is on its pre-join, about to join.
 */
async function aliceAboutToJoin(
  serverUrl: string,
  people: People,
  heartbeats: ReturnType<typeof setInterval>[],
  own: Awaited<ReturnType<typeof launchChromium>>,
  prepareAlice?: (page: Page) => Promise<void>,
): Promise<{ alice: Participant; bob: Participant }> {
  const alice = await Participant.open(own, serverUrl, 'Alice', '/', prepareAlice ? { prepare: prepareAlice } : {});
  const bob = await people.open('Bob');
  await alice.register();
  await bob.register();
  const code = await bob.createMeeting();
  await expect(bob.byTestId('prejoin-toggle-camera')).toBeEnabled();
  await bob.byTestId('prejoin-toggle-camera').click();
  await bob.joinFromPreJoin();
  heartbeats.push(await seat(serverUrl, 'Dan', code));
  heartbeats.push(await seat(serverUrl, 'Eve', code));
  await alice.enterCode(code);
  await expect(alice.byTestId('prejoin-join')).toBeEnabled();
  return { alice, bob };
}

/**
 * What people notice right after someone joins a large meeting: whether their picture in a large tile is sharp
 * soon, or the blurry low layer for seconds while the newcomer's bandwidth estimate climbs (Chromium starts at
 * 300 kbps; the top layer goes out from about 1 Mbps). The figures (from Alice's Join to Bob's first frame of
 * hers, to her top layer's size, and her highest estimate until that first frame) are printed, never asserted:
 * Chromium's first probes and this machine's load decide them (0.6 to 17 s here). On demand, to compare a change:
 * `WAVA_SFU_LAYER_BENCH=1 bash scripts/e2e.sh --project=browser e2e/browser/sfuTopLayer.spec.ts --workers=1 -g sharp --repeat-each 3`.
 * Not in CI (a measurement). It once failed in about 3 of 40 runs: a newcomer's camera kept the mesh capture size
 * (no top layer at all) when the SFU size was asked while the camera was still being checked; fixed in
 * CameraSize.fit (localMediaCaptureRace.test.ts).
 */
test('on the SFU a pinned newcomer’s camera reaches the viewer sharp: at its top simulcast layer’s size', async ({
  server,
  people,
}) => {
  test.skip(!process.env.WAVA_SFU_LAYER_BENCH, 'a measurement: set WAVA_SFU_LAYER_BENCH=1');
  test.setTimeout(120_000);
  const own = await launchChromium([ALICE_CAMERA]);
  const heartbeats: ReturnType<typeof setInterval>[] = [];
  try {
    const { alice, bob } = await aliceAboutToJoin(server.url, people, heartbeats, own);
    const joinedAt = Date.now();
    await alice.byTestId('prejoin-join').click();
    await bob.tile('Alice').getByTestId('tile-pin').click();
    // Alice's estimate, read until Bob first sees her: whether it was high enough for the top layer by then.
    let highest = 0;
    const firstFrameAt = await waitFor(
      "Bob's first frame of Alice's camera",
      async () => {
        highest = Math.max(highest, (await upload(alice.page))?.estimate ?? 0);
        return (await receivedVideo(bob.tile('Alice'))).width > 0 ? Date.now() : undefined;
      },
      SETTLE,
    );
    let seen = { width: 0, fps: 0 };
    let sent: Upload | null = null;
    const sharpAt = await waitFor(
      () =>
        `Bob to receive Alice's camera at ${SFU_CAMERA_SIZE.width} wide; last seen ${JSON.stringify(seen)}, ` +
        `her upload ${JSON.stringify(sent)}`,
      async () => {
        seen = await receivedVideo(bob.tile('Alice'));
        if (seen.width === SFU_CAMERA_SIZE.width) return Date.now();
        // On a machine too busy to encode it all, Chromium makes every layer smaller: her top layer, then.
        sent = await upload(alice.page);
        return sent?.limitation === 'cpu' && seen.width > 0 && seen.width === sent.topWidth ? Date.now() : undefined;
      },
      SETTLE,
    );
    const figures = { firstFrameMs: firstFrameAt - joinedAt, topLayerMs: sharpAt - joinedAt, estimate: highest };
    test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
    console.log(
      `sfuTopLayer: from Alice's Join, Bob's first frame ${figures.firstFrameMs} ms, top layer ${figures.topLayerMs} ms ` +
        `(her estimate until that first frame: ${highest} bit/s at most)`,
    );
  } finally {
    for (const heartbeat of heartbeats) clearInterval(heartbeat);
    await own.close();
  }
});

/**
 * The newcomer whose camera is still being checked when the meeting's mode comes: the check holds a clone of the
 * camera, and Chromium reopens a camera at another size only while one track uses it, so before CameraSize.fit her
 * camera stayed at the pre-join's 640x360 and no top layer was ever sent. Her frames have no format here, so the check
 * takes its loopback (two connections of its own, open for a moment): she presses Join while it runs.
 */
test('on the SFU a newcomer whose camera is still being checked as she joins captures it at the SFU size', async ({
  server,
  people,
}) => {
  test.setTimeout(120_000);
  const own = await launchChromium([ALICE_CAMERA]);
  const heartbeats: ReturnType<typeof setInterval>[] = [];
  try {
    const { alice } = await aliceAboutToJoin(server.url, people, heartbeats, own, async (page) => {
      await page.addInitScript(framesWithoutFormat);
    });
    const toggle = alice.byTestId('prejoin-toggle-camera');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const before = await peerConnectionsCreated(alice.page);
    await toggle.click();
    await waitFor('the check of her camera to send it to itself', async () =>
      (await peerConnectionsCreated(alice.page)) >= before + 2 ? true : undefined,
    );
    await alice.byTestId('prejoin-join').click();
    let live: Awaited<ReturnType<typeof cameraTracks>> = [];
    await waitFor(
      () => `Alice's camera captured at ${JSON.stringify(SFU_CAMERA_SIZE)}; her live cameras ${JSON.stringify(live)}`,
      async () => {
        live = (await cameraTracks(alice.page)).filter((track) => track.live);
        const [camera] = live;
        return live.length === 1 && camera?.width === SFU_CAMERA_SIZE.width && camera.height === SFU_CAMERA_SIZE.height
          ? true
          : undefined;
      },
      SETTLE,
    );
  } finally {
    for (const heartbeat of heartbeats) clearInterval(heartbeat);
    await own.close();
  }
});

/** An uplink slower than the camera's three layers need together (about 1 Mbps), in kbit/s. */
const SLOW_UPLINK_KBIT = 700;

/**
 * An uplink of `kbit` from the browsers to Janus, queueing about 200 ms as a home router would: a rate-limited
 * class for the UDP to Janus's media address. Both ends are this namespace's own addresses, so that traffic goes over
 * loopback, not the veth pair; the server's HTTP and websockets (TCP) and Janus's media to the browsers pass as
 * before. `restore` takes it out again (loopback outlives the test).
 */
async function slowUplink(kbit: number): Promise<{ restore(): Promise<void> }> {
  const refusal = sfuRefusal();
  if (refusal) throw new Error(`Refusing to shape loopback: ${refusal}`);
  const tc = (...args: string[]) => promisify(execFile)('tc', args);
  // Everything else keeps an unlimited class; the filter sends the UDP to Janus to the slow one.
  await tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10');
  await tc(
    'class',
    'add',
    'dev',
    'lo',
    'parent',
    '1:',
    'classid',
    '1:10',
    'htb',
    'rate',
    '10gbit',
    'quantum',
    '200000',
  );
  await tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', `${kbit}kbit`);
  // 15 packets of about 1200 bytes: 200 ms at 700 kbit/s.
  await tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:20', 'pfifo', 'limit', '15');
  await tc(
    ...['filter', 'add', 'dev', 'lo', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32'],
    ...['match', 'ip', 'dst', `${VETH.janusAddress}/32`, 'match', 'ip', 'protocol', '17', '0xff', 'flowid', '1:20'],
  );
  return { restore: () => tc('qdisc', 'del', 'dev', 'lo', 'root').then(() => undefined) };
}

/**
 * A newcomer on a slow uplink: Alice's estimate is (or comes) below the link's rate and Bob keeps seeing her move,
 * at a lower layer, instead of a picture stuck in a queue. A guard for any change to where the estimate starts:
 * starting it at 1.2 Mbps (x-google-start-bitrate on Janus's answer, commit 8f408da) froze Bob's picture of her
 * for the whole 45 s in 2 of 27 runs here (both while the machine was very busy), against none of 9 with
 * Chromium's own start: too few to tell either way, so it was not shipped.
 */
test('on the SFU a newcomer on a slow uplink is seen moving at a lower layer, her estimate below the link', async ({
  server,
  people,
}) => {
  test.setTimeout(120_000);
  const own = await launchChromium([ALICE_CAMERA]);
  const heartbeats: ReturnType<typeof setInterval>[] = [];
  let uplink: { restore(): Promise<void> } | undefined;
  try {
    const { alice, bob } = await aliceAboutToJoin(server.url, people, heartbeats, own);
    uplink = await slowUplink(SLOW_UPLINK_KBIT);
    await alice.byTestId('prejoin-join').click();
    await bob.tile('Alice').getByTestId('tile-pin').click();
    let last: Upload | null = null;
    let connectedAt: number | undefined;
    const downAt = await waitFor(
      () => `Alice's estimate to come below ${SLOW_UPLINK_KBIT} kbit/s; last seen ${JSON.stringify(last)}`,
      async () => {
        last = await upload(alice.page);
        if (last?.estimate) connectedAt ??= Date.now();
        return last && last.estimate > 0 && last.estimate < SLOW_UPLINK_KBIT * 1000 ? Date.now() : undefined;
      },
      SETTLE,
    );
    let seen = { width: 0, fps: 0 };
    await waitFor(
      () => `Bob to see Alice move at a layer below the top one; last seen ${JSON.stringify(seen)}`,
      async () => {
        seen = await receivedVideo(bob.tile('Alice'));
        return seen.width > 0 && seen.width < SFU_CAMERA_SIZE.width && seen.fps >= CAMERA_FPS ? true : undefined;
      },
      SETTLE,
    );
    console.log(
      `sfuTopLayer: on a ${SLOW_UPLINK_KBIT} kbit/s uplink, Alice's estimate below it ${downAt - (connectedAt ?? downAt)} ms ` +
        `after its first reading (${JSON.stringify(last)}); Bob then sees ${JSON.stringify(seen)}`,
    );
  } finally {
    await uplink?.restore();
    for (const heartbeat of heartbeats) clearInterval(heartbeat);
    await own.close();
  }
});

import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JanusProcess } from '../../signaling-server/src/sfu/startJanus.js';
import { launchChromium } from '../support/chromium.js';
import { expect, test } from '../support/fixtures.js';
import { startJanusInNamespace } from '../support/janusInNamespace.js';
import { Participant } from '../support/participant.js';
import { audioStreamsReceiving, videoRtp, type VideoRtp } from '../support/rtcProbe.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';
import { writeSpeechWav } from '../support/speechWav.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

test.setTimeout(240_000);

const SECRET = 'sfu-e2e-secret-of-at-least-32-characters';
/** How long a move between mesh and SFU may take on a busy two-core machine (no figure is asserted). */
const SWITCH = { timeoutMs: 45_000 };

let janus: JanusProcess;
let server: ServerProcess;

test.beforeAll(async () => {
  janus = await startJanusInNamespace(SECRET);
  // Past 2 people the meeting goes to the SFU: three browsers fit two cores.
  server = await startServer({
    WAVA_SFU_URLS: janus.url,
    WAVA_SFU_ADMIN_URLS: janus.adminUrl,
    WAVA_SFU_SECRET: SECRET,
    WAVA_SFU_THRESHOLD: '2',
  });
});

test.afterAll(async () => {
  await server?.stop();
  await janus?.stop();
});

/** Distinct video uploads: outbound video streams by connection and mid (a camera's simulcast layers are one). */
function uploads(outbound: VideoRtp[]): string[] {
  return [...new Set(outbound.map((s) => `${s.pc}/${s.mid}`))];
}

/** Incoming video streams that decoded frames. */
function decoding(inbound: VideoRtp[]): VideoRtp[] {
  return inbound.filter((s) => s.framesDecoded > 0);
}

/** Through the SFU: one connection sends (simulcast layers), one other receives `streams` decoding videos. */
async function throughSfu(person: Participant, streams: number) {
  let last: unknown;
  return waitFor(
    () =>
      `${person.name} to send once and decode ${streams} videos through the SFU; last seen ${JSON.stringify(last)}; ` +
      `its SFU warnings: ${JSON.stringify(sfuWarnings.get(person) ?? [])}`,
    async () => {
      const now = await videoRtp(person.page);
      last = now;
      const flowing = decoding(now.inbound);
      const senders = new Set(now.outbound.map((s) => s.pc));
      const simulcast = now.outbound.length > 0 && now.outbound.every((s) => s.rid !== null);
      return flowing.length === streams &&
        new Set(flowing.map((s) => s.pc)).size === 1 &&
        senders.size === 1 &&
        simulcast
        ? now
        : undefined;
    },
    SWITCH,
  );
}

/** On the mesh: no simulcast, and the other person's camera decoded on a call that also carries ours. */
async function onMesh(person: Participant) {
  return waitFor(
    `${person.name} to be back on the mesh`,
    async () => {
      const now = await videoRtp(person.page);
      const flowing = decoding(now.inbound);
      const meshCall =
        now.outbound.length === 1 && now.outbound[0]!.rid === null && flowing.some((s) => s.pc === now.outbound[0]!.pc);
      return meshCall && flowing.length === 1 ? now : undefined;
    },
    SWITCH,
  );
}

/** How many remote tiles show a picture (the others show the person's initials over a transparent video). */
function remoteVideosShown(person: Participant): Promise<number> {
  return person.page.evaluate(
    () =>
      Array.from(
        document.querySelectorAll('[data-testid="tile"][data-self="false"] [data-testid="tile-video"]'),
      ).filter((video) => getComputedStyle(video).opacity === '1').length,
  );
}

/** From now on, every connection state `name`'s tile takes on `person`'s page (other than connected) is kept. */
async function recordConnectionStates(person: Participant, name: string): Promise<void> {
  await person.tile(name).evaluate((tile) => {
    const seen: string[] = [];
    (window as unknown as { __wavaTileStates: string[] }).__wavaTileStates = seen;
    new MutationObserver(() => {
      const state = tile.getAttribute('data-connection') ?? 'gone';
      if (state !== 'connected') seen.push(state);
    }).observe(tile, { attributes: true, attributeFilter: ['data-connection'] });
  });
}

function recordedConnectionStates(person: Participant): Promise<string[]> {
  return person.page.evaluate(() => (window as unknown as { __wavaTileStates: string[] }).__wavaTileStates);
}

/** What each person's app reported about its SFU session (the call core's warnings), for a failure's message. */
const sfuWarnings = new Map<Participant, string[]>();

/** Keeps what `person`'s app reports about its SFU session, for a failure's message. */
function keepSfuWarnings(person: Participant): void {
  const warnings: string[] = [];
  sfuWarnings.set(person, warnings);
  person.page.on('console', (message) => {
    if (/SFU/.test(message.text())) warnings.push(message.text());
  });
}

/** Alice, Bob and Carol register on `url`, and Alice creates a meeting; returns them and its code. */
async function threePeople(browser: Browser, url: string, people: Participant[]): Promise<string> {
  for (const name of ['Alice', 'Bob', 'Carol']) {
    const person = await Participant.open(browser, url, name);
    keepSfuWarnings(person);
    people.push(person);
    await person.register();
  }
  return people[0]!.createMeeting();
}

test("last-N: with WAVA_SFU_LAST_N=1 each person receives one camera and everyone's voice; the other tile shows initials", async ({
  browser,
}) => {
  const lastOne = await startServer({
    WAVA_SFU_URLS: janus.url,
    WAVA_SFU_ADMIN_URLS: janus.adminUrl,
    WAVA_SFU_SECRET: SECRET,
    WAVA_SFU_THRESHOLD: '2',
    WAVA_SFU_LAST_N: '1',
  });
  const people: Participant[] = [];
  try {
    const code = await threePeople(browser, lastOne.url, people);
    await people[0]!.joinFromPreJoin();
    for (const person of people.slice(1)) {
      await person.enterCode(code);
      await person.joinFromPreJoin();
    }
    for (const person of people) {
      await throughSfu(person, 1);
      await waitFor(`${person.name} to hear both others`, async () =>
        (await audioStreamsReceiving(person.page)) === 2 ? true : undefined,
      );
      // One remote tile plays a camera; the other shows initials (camera on, but not received).
      await expect.poll(() => remoteVideosShown(person)).toBe(1);
      for (const tile of await person.remoteTiles().all()) await expect(tile).toHaveAttribute('data-video', 'on');
    }
  } finally {
    for (const person of people) await person.close();
    await lastOne.stop();
  }
});

test('an SFU meeting: growing to 3 moves it there with media and mute going on, one camera upload each, a screen sent once, the layer fitting the tile, back to mesh at 2 with the screen still shown, and to mesh when Janus dies', async ({
  browser,
}) => {
  const people: Participant[] = [];
  try {
    const code = await threePeople(browser, server.url, people);
    const [alice, bob, carol] = people as [Participant, Participant, Participant];
    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await bob.joinFromPreJoin();
    // Two people: peer to peer. Bob mutes himself.
    await onMesh(alice);
    await onMesh(bob);
    await bob.byTestId('toggle-mic').click();
    await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');

    // Carol makes three: everyone moves to the SFU, nobody presses anything, and the tiles stay connected
    // throughout (make before break: the mesh call ends once the SFU carries the picture).
    await recordConnectionStates(alice, 'Bob');
    await recordConnectionStates(bob, 'Alice');
    await carol.enterCode(code);
    await carol.joinFromPreJoin();
    for (const person of people) {
      await expect(person.remoteTiles()).toHaveCount(2);
      const rtp = await throughSfu(person, 2);
      // One camera upload: one stream in its three simulcast layers, nothing per receiver.
      expect(uploads(rtp.outbound)).toHaveLength(1);
      expect(new Set(rtp.outbound.map((s) => s.rid))).toEqual(new Set(['q', 'h', 'f']));
      for (const tile of await person.remoteTiles().all()) {
        await expect(tile).toHaveAttribute('data-connection', 'connected');
        await expect.poll(() => isPlaying(tile.getByTestId('tile-video')), { timeout: 30_000 }).toBe(true);
      }
    }

    expect(await recordedConnectionStates(alice)).toEqual([]);
    expect(await recordedConnectionStates(bob)).toEqual([]);
    // Bob is still muted, for himself and for the others.
    await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
    await expect(carol.tile('Bob')).toHaveAttribute('data-audio', 'off');

    // Grid tiles (560 px wide) get more than the smallest layer once the bandwidth estimate allows it.
    const gridWidth = await waitFor('Bob to receive cameras above the smallest layer', async () => {
      const widths = decoding((await videoRtp(bob.page)).inbound).map((s) => s.frameWidth);
      return widths.length === 2 && widths.every((w) => w > 240) ? Math.min(...widths) : undefined;
    });
    const cameraMids = new Set(decoding((await videoRtp(bob.page)).inbound).map((s) => s.mid));

    // Alice presents: her screen is a second upload on her one connection, sent once; Bob and Carol see it.
    await alice.byTestId('toggle-share').click();
    await waitFor('Alice to send her screen', async () => {
      const now = await videoRtp(alice.page);
      return uploads(now.outbound).length === 2 && new Set(now.outbound.map((s) => s.pc)).size === 1 ? true : undefined;
    });
    for (const viewer of [bob, carol]) {
      await expect(viewer.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Alice');
      await expect.poll(() => isPlaying(viewer.byTestId('screen-video'))).toBe(true);
      await throughSfu(viewer, 3);
    }
    // The camera tiles are now a narrow strip beside the screen: Bob receives the cameras at the smallest layer.
    await waitFor('Bob to receive the strip cameras at a smaller width', async () => {
      const cameras = decoding((await videoRtp(bob.page)).inbound).filter((s) => cameraMids.has(s.mid));
      return cameras.length === 2 && cameras.every((s) => s.frameWidth < gridWidth) ? true : undefined;
    });

    // Carol leaves while Alice presents: back to two, back to peer to peer; Alice and Bob still see each other,
    // and Bob still sees Alice's screen, now over their own call.
    await carol.byTestId('leave').click();
    await waitFor('Alice to send her camera and screen peer to peer', async () => {
      const now = await videoRtp(alice.page);
      return now.outbound.length === 2 && now.outbound.every((s) => s.rid === null) ? true : undefined;
    });
    await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
    await expect.poll(() => isPlaying(alice.tile('Bob').getByTestId('tile-video'))).toBe(true);
    await expect.poll(() => isPlaying(bob.tile('Alice').getByTestId('tile-video'))).toBe(true);
    await expect(bob.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Alice');
    await expect.poll(() => isPlaying(bob.byTestId('screen-video'))).toBe(true);
    await alice.byTestId('toggle-share').click();
    await onMesh(alice);
    await onMesh(bob);

    // Carol rejoins (the SFU again), then Janus dies: with no SFU left the meeting goes peer to peer, and
    // everyone sees the two others again without doing anything.
    await carol.byTestId('rejoin').click();
    await carol.joinFromPreJoin();
    for (const person of people) await throughSfu(person, 2);
    await janus.kill();
    for (const person of people) {
      await waitFor(`${person.name} to decode both others peer to peer`, async () => {
        const now = await videoRtp(person.page);
        const flowing = decoding(now.inbound);
        return now.outbound.length === 2 && now.outbound.every((s) => s.rid === null) && flowing.length === 2
          ? true
          : undefined;
      });
      for (const tile of await person.remoteTiles().all())
        await expect(tile).toHaveAttribute('data-connection', 'connected');
    }
  } finally {
    for (const person of people) await person.close();
  }
});

/** The camera tracks the page's app obtained (rtcProbe keeps every one), with their capture size. */
function cameraTracks(page: Page): Promise<{ live: boolean; width?: number; height?: number }[]> {
  return page.evaluate(() =>
    ((window as unknown as { __wavaTracks?: MediaStreamTrack[] }).__wavaTracks ?? [])
      .filter((track) => track.kind === 'video')
      .map((track) => ({ live: track.readyState === 'live', ...track.getSettings() })),
  );
}

/** Audio packets the page received so far, over all its live connections. */
function audioPacketsReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let packets = 0;
    for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += Number(report.packetsReceived ?? 0);
      });
    }
    return packets;
  });
}

/** Joins from pre-join, however long a busy machine takes to get it ready (two browsers, three 960x540 cameras). */
async function joinSlowly(person: Participant): Promise<void> {
  await expect(person.byTestId('prejoin-join')).toBeEnabled({ timeout: SWITCH.timeoutMs });
  await person.byTestId('prejoin-join').click();
  await expect(person.byTestId('meeting-view')).toBeVisible({ timeout: SWITCH.timeoutMs });
}

/**
 * How wide the picture `name`'s tile on `person`'s page shows arrives: the frame width of the incoming video
 * stream that carries the tile's video track (0 while none does).
 */
function receivedWidth(person: Participant, name: string): Promise<number> {
  return person.tile(name).evaluate(async (tile) => {
    const video = tile.querySelector('[data-testid="tile-video"]') as HTMLVideoElement | null;
    const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
    if (!track) return 0;
    let width = 0;
    for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type === 'inbound-rtp' && report.trackIdentifier === track.id)
          width = Number(report.frameWidth ?? 0);
      });
    }
    return width;
  });
}

/** From now on, whether `name`'s tile on `person`'s page is ever marked speaking (kept in the page). */
async function watchSpeaking(person: Participant, name: string): Promise<() => Promise<boolean>> {
  await person.tile(name).evaluate((tile) => {
    const w = window as unknown as { __wavaEverSpeaking: boolean };
    w.__wavaEverSpeaking = tile.getAttribute('data-speaking') === 'true';
    new MutationObserver(() => {
      if (tile.getAttribute('data-speaking') === 'true') w.__wavaEverSpeaking = true;
    }).observe(tile, { attributes: true, attributeFilter: ['data-speaking'] });
  });
  return () => person.page.evaluate(() => (window as unknown as { __wavaEverSpeaking: boolean }).__wavaEverSpeaking);
}

test('on the SFU the camera goes out in three layers (960x540 captured), a strip tile gets the low one and the large area the high one; who talks is what Janus hears', async () => {
  // Alice has a voice: her own browser, whose fake microphone plays loud speech-like sound. Bob and Carol have
  // Chromium's default fake microphone, a short beep each second, which the client's own level meter takes
  // for speech (meetingStage.spec.ts) but Janus's average over a second does not. Both browsers' fake cameras
  // give 5 frames a second: three 960x540 simulcast encoders fit two busy cores.
  const dir = mkdtempSync(join(tmpdir(), 'wava-voice-'));
  const wav = join(dir, 'speech.wav');
  writeSpeechWav(wav);
  const modestCamera = '--use-fake-device-for-media-stream=fps=5';
  const voiced = await launchChromium([modestCamera, `--use-file-for-fake-audio-capture=${wav}`]);
  const others = await launchChromium([modestCamera]);
  const people: Participant[] = [];
  try {
    for (const [name, from] of [
      ['Alice', voiced],
      ['Bob', others],
      ['Carol', others],
    ] as const) {
      const person = await Participant.open(from, server.url, name);
      keepSfuWarnings(person);
      people.push(person);
      await person.register();
    }
    const [alice, bob, carol] = people as [Participant, Participant, Participant];
    const code = await alice.createMeeting();
    await joinSlowly(alice);
    for (const person of [bob, carol]) {
      await person.enterCode(code);
      await joinSlowly(person);
    }
    for (const person of people) await throughSfu(person, 2);

    // Alice's one camera track is now captured at 960x540, and Chromium encodes all three layers from it:
    // three encodings of three heights.
    await waitFor(
      'Alice’s camera to be captured at 960x540',
      async () => {
        const tracks = await cameraTracks(alice.page);
        return tracks.length === 1 && tracks[0]!.live && tracks[0]!.height === 540 ? true : undefined;
      },
      SWITCH,
    );
    const layers = await waitFor(
      'Alice to send three camera layers of three heights',
      async () => {
        const sent = (await videoRtp(alice.page)).outbound.filter((s) => s.rid !== null && s.framesEncoded > 0);
        const heights = new Set(sent.map((s) => s.frameHeight).filter((height) => height > 0));
        return sent.length === 3 && heights.size === 3 ? [...heights].sort((a, b) => a - b) : undefined;
      },
      SWITCH,
    );
    expect(layers[2]).toBe(2 * layers[1]!);

    // Bob and Carol see Alice speaking, by Janus's talking events: on the SFU no level of a received voice is
    // measured in the page (speakingMonitor.test.ts), and Bob's beeps, which the page's own meter would take for
    // speech, never mark him speaking while three seconds of both voices reach Carol.
    const bobEverSpeaking = await watchSpeaking(carol, 'Bob');
    for (const viewer of [bob, carol]) {
      await expect(viewer.tile('Alice')).toHaveAttribute('data-speaking', 'true', { timeout: 30_000 });
      await expect(viewer.tile('Alice')).toHaveAccessibleName(/, speaking$/);
    }
    const heard = await audioPacketsReceived(carol.page);
    await waitFor('three seconds of both voices to reach Carol', async () =>
      (await audioPacketsReceived(carol.page)) >= heard + 300 ? true : undefined,
    );
    expect(await bobEverSpeaking()).toBe(false);
    await expect(carol.tile('Bob')).toHaveAttribute('data-speaking', 'false');

    // Bob pins Alice: her tile is the large area and Carol's a strip tile; Bob's app asks Janus for Alice's top
    // layer and Carol's lowest, and the pictures arrive at those sizes. (Bob and Carol share one browser, so one
    // camera device: Chromium runs it at the size one of them asked for, and Carol's layers follow from it.)
    await bob.tile('Alice').getByTestId('tile-pin').click();
    let seen = {};
    await waitFor(
      () => `Bob to receive Alice's top layer and Carol's lowest; last seen ${JSON.stringify(seen)}`,
      async () => {
        const [large, strip] = await Promise.all([receivedWidth(bob, 'Alice'), receivedWidth(bob, 'Carol')]);
        const carolLayers = (await videoRtp(carol.page)).outbound.filter((s) => s.rid !== null && s.frameWidth > 0);
        const carolLowest = Math.min(...carolLayers.map((s) => s.frameWidth));
        const tiles = await Promise.all(
          [bob.tile('Alice'), bob.tile('Carol')].map(async (tile) => (await tile.boundingBox())?.width),
        );
        seen = { large, strip, carolLowest, tiles };
        return large === 960 && strip === carolLowest && carolLayers.length >= 2 ? true : undefined;
      },
      SWITCH,
    );
  } finally {
    for (const person of people) await person.close();
    await Promise.all([voiced.close(), others.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
});

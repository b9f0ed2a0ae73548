import type { Browser } from '@playwright/test';
import type { JanusProcess } from '../../signaling-server/src/sfu/startJanus.js';
import { expect, test } from '../support/fixtures.js';
import { startJanusInNamespace } from '../support/janusInNamespace.js';
import { Participant } from '../support/participant.js';
import { audioStreamsReceiving, videoRtp, type VideoRtp } from '../support/rtcProbe.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';
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

/** Alice, Bob and Carol register on `url`, and Alice creates a meeting; returns them and its code. */
async function threePeople(browser: Browser, url: string, people: Participant[]): Promise<string> {
  for (const name of ['Alice', 'Bob', 'Carol']) {
    const person = await Participant.open(browser, url, name);
    const warnings: string[] = [];
    sfuWarnings.set(person, warnings);
    person.page.on('console', (message) => {
      if (/SFU/.test(message.text())) warnings.push(message.text());
    });
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
      // One camera upload: one stream in its simulcast layers (Chromium encodes two of the three from a
      // 640x360 camera), nothing per receiver.
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
      return widths.length === 2 && widths.every((w) => w > 160) ? Math.min(...widths) : undefined;
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

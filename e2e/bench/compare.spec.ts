import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { connectionStats, installRtcProbe, joinToFirstFrameMs } from '../support/rtcProbe.js';
import { startServer } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';
import { startBareServer } from './bareProcess.js';
import { startDelayProxy } from './delayProxy.js';
import { installJoinTimeline, joinTimeline, joinToPictureMs } from './joinTimeline.js';
import { clearShareTimeline, installShareTimeline, shareTimeline } from './shareTimeline.js';
import {
  FAKE_SCREEN_WIDTH,
  firstLoad,
  longestTaskMs,
  pressLikeAPerson,
  sendLimits,
  slowDownAsConfigured,
  uploadAndEncode,
  watchForNewVideoFrame,
  watchLongTasks,
  type SendLimits,
  type UploadFigures,
} from './pageFigures.js';

const RUNS = Number(process.env.WAVA_BENCH_CALLS ?? 3);
/**
 * `WAVA_BENCH_ONLY=load`: only the first load; `join`: only join to first remote frame (loopback and delayed);
 * `share`: join and screen share (no first load, no upload at 2 to 4 people). For a quick rerun of one figure with
 * the Playwright bench project alone (`npm run bench` needs every part).
 */
const ONLY = process.env.WAVA_BENCH_ONLY;
/**
 * Another build of the renderer (a copy of desktop/out/renderer) whose join is measured interleaved with this one
 * and the bare page, served by a server of its own; `WAVA_BENCH_JOIN_TIMELINE=1` prints what happened on the
 * joining page in each run, and on the page of the person already in the call (see joinTimeline.ts).
 */
const JOIN_BASELINE_ROOT = process.env.WAVA_BENCH_JOIN_BASELINE_ROOT;
/**
 * With `WAVA_BENCH_JOIN_BASELINE_ROOT`: that build's own server (its built `signaling-server/dist/main.js`, run from
 * its checkout, which has its node_modules) instead of this one's, so a whole earlier build is measured beside this.
 */
const BASELINE_SERVER = process.env.WAVA_BENCH_BASELINE_SERVER;
/** `WAVA_BENCH_LOOPBACK_ONLY=1`: no runs through the delay proxy (twice the loopback runs in the same time). */
const LOOPBACK_ONLY = process.env.WAVA_BENCH_LOOPBACK_ONLY === '1';
const JOIN_TIMELINE = process.env.WAVA_BENCH_JOIN_TIMELINE === '1';
/** `WAVA_BENCH_SHARE_TIMELINE=1` prints the steps of each share start on the sharing page (see shareTimeline.ts). */
const SHARE_TIMELINE = process.env.WAVA_BENCH_SHARE_TIMELINE === '1';
/** One way; the signaling round trip is twice this. */
const DELAY_MS = 50;
const MEASURE_S = 4;
/** Before measuring upload: the bandwidth estimate ramps up over the first seconds of a call. */
const SETTLE_MS = 8_000;
/**
 * How long the joining person looks at the pre-join screen (their preview, the meeting's name) before pressing
 * Join, the same on both pages: whatever a page does meanwhile (Wava prepares its peer id and PeerJS connection,
 * the bare page opens its camera) is before the clock starts, as it is for a person.
 */
const PREJOIN_DWELL_MS = 1_500;

interface Figures {
  firstLoad: { ms: number; bytes: number } | null;
  join: { loopback: number[]; delayed: number[] };
  /** From Join until the joining person sees the other's picture on screen (their tile's video shows a frame). */
  picture: { loopback: number[]; delayed: number[] };
  share: { loopback: number[]; delayed: number[] };
  /**
   * Wava's share when the person leaves the browser picker's "share audio" box unticked: the screen alone, as the
   * bare page shares it (the fake picker otherwise shares the sound Wava asks for).
   */
  shareWithoutSound: { loopback: number[]; delayed: number[] };
  upload: Record<string, UploadFigures>;
  /** Per meeting size: the smallest sent and received camera frame height, and the smallest bitrate cap. */
  limits: Record<string, SendLimits>;
  /** The longest main-thread task on the sharer's and the viewer's page while a share starts, per run. */
  shareLongTaskMs: number[];
}
const empty = (): Figures => ({
  firstLoad: null,
  join: { loopback: [], delayed: [] },
  picture: { loopback: [], delayed: [] },
  share: { loopback: [], delayed: [] },
  shareWithoutSound: { loopback: [], delayed: [] },
  upload: {},
  limits: {},
  shareLongTaskMs: [],
});

/** The smallest sent and received frame height and bitrate cap over everyone in the meeting. */
async function limitsOf(pages: Page[]): Promise<SendLimits> {
  const all = await Promise.all(pages.map((page) => sendLimits(page)));
  const least = (pick: (l: SendLimits) => number) => Math.min(...all.map(pick));
  return {
    sentHeight: least((l) => l.sentHeight),
    maxBitrateBps: least((l) => l.maxBitrateBps),
    receivedHeight: least((l) => l.receivedHeight),
  };
}

/** What one person sends, averaged over everyone in the meeting, measured at the same time. */
async function perPerson(pages: Page[]) {
  const figures = await Promise.all(pages.map((page) => uploadAndEncode(page, MEASURE_S)));
  const mean = (pick: (f: UploadFigures) => number) => figures.reduce((sum, f) => sum + pick(f), 0) / figures.length;
  return { bps: mean((f) => f.bps), targetBps: mean((f) => f.targetBps), encodeMsPerS: mean((f) => f.encodeMsPerS) };
}

async function remoteVideoFrom(page: Page, count: number): Promise<void> {
  await waitFor(`video from ${count} people`, async () =>
    (await connectionStats(page)).filter((s) => s.videoFramesDecoded > 0).length >= count ? true : undefined,
  );
}

/**
 * A share started on `sender` (a click on `button`) until `receiver` decodes its first frame; and the longest
 * main-thread task on either page from the click until a second after that frame (the stage re-layout).
 */
async function shareMs(
  sender: Page,
  receiver: Page,
  button: Locator,
  figures: Figures,
  label: string,
): Promise<number> {
  await Promise.all([watchLongTasks(sender), watchLongTasks(receiver)]);
  const frame = await watchForNewVideoFrame(receiver, FAKE_SCREEN_WIDTH);
  const clickedAt = await pressLikeAPerson(sender, button, () => clearShareTimeline(sender));
  const ms = (await frame()) - clickedAt;
  if (SHARE_TIMELINE)
    console.log(
      `[bench] share, ${label}: ${Math.round(ms)} ms; ${(await shareTimeline(sender, clickedAt)).join(', ')}`,
    );
  await receiver.waitForTimeout(1_000);
  figures.shareLongTaskMs.push(Math.max(await longestTaskMs(sender), await longestTaskMs(receiver)));
  return ms;
}

/**
 * Join to first remote frame and to the remote picture on screen, on the joining page; `other`: the person already
 * in the call, whose side of it the timeline shows too.
 */
async function joinFigures(page: Page, other: Page, figures: Figures, where: 'loopback' | 'delayed', label: string) {
  figures.join[where].push(await waitFor('the join probe', async () => (await joinToFirstFrameMs(page)) ?? undefined));
  figures.picture[where].push(
    await waitFor('the remote picture on screen', async () => (await joinToPictureMs(page)) ?? undefined),
  );
  if (!JOIN_TIMELINE) return;
  const ms = `first frame ${Math.round(figures.join[where].at(-1) ?? 0)} ms, picture ${Math.round(figures.picture[where].at(-1) ?? 0)} ms`;
  console.log(`[bench] join, ${label} ${where}: ${ms}\n  ${(await joinTimeline(page)).join('\n  ')}`);
  await remoteVideoFrom(other, 1);
  console.log(`  the other side:\n  ${(await joinTimeline(other, page)).join('\n  ')}`);
}

/**
 * Wava: host creates a meeting, guest joins by code; then a share, and (once) a third person. `withoutSound`: the
 * host shares the screen without its sound, and only that share is recorded (in `shareWithoutSound`).
 */
async function wavaRun(
  browser: Browser,
  url: string,
  figures: Figures,
  where: 'loopback' | 'delayed',
  { full = false, withoutSound = false }: { full?: boolean; withoutSound?: boolean } = {},
) {
  const people: Participant[] = [];
  try {
    const host = await Participant.open(browser, url, 'Host', '/', {
      prepare: async (page) => {
        await installShareTimeline(page, { withoutSound });
        await slowDownAsConfigured(page);
      },
    });
    const guest = await Participant.open(browser, url, 'Guest', '/', { prepare: slowDownAsConfigured });
    people.push(host, guest);
    await installJoinTimeline(guest.page);
    if (JOIN_TIMELINE) await installJoinTimeline(host.page);
    await host.register();
    await guest.register();
    const code = await host.createMeeting();
    await host.joinFromPreJoin();
    await guest.enterCode(code);
    await expect(guest.byTestId('prejoin-join')).toBeEnabled();
    await guest.page.waitForTimeout(PREJOIN_DWELL_MS);
    await guest.joinFromPreJoin();
    await remoteVideoFrom(guest.page, 1);
    if (!withoutSound) await joinFigures(guest.page, host.page, figures, where, url);
    await remoteVideoFrom(host.page, 1);
    if (ONLY === 'join') return;
    if (full) {
      await host.page.waitForTimeout(SETTLE_MS);
      figures.upload['2'] = await perPerson([host.page, guest.page]);
      figures.limits['2'] = await limitsOf([host.page, guest.page]);
      const third = await Participant.open(browser, url, 'Third');
      people.push(third);
      await third.register();
      await third.enterCode(code);
      await third.joinFromPreJoin();
      for (const person of people) await remoteVideoFrom(person.page, 2);
      await host.page.waitForTimeout(SETTLE_MS);
      figures.upload['3'] = await perPerson(people.map((p) => p.page));
      figures.limits['3'] = await limitsOf(people.map((p) => p.page));
      const fourth = await Participant.open(browser, url, 'Fourth');
      people.push(fourth);
      await fourth.register();
      await fourth.enterCode(code);
      await fourth.joinFromPreJoin();
      for (const person of people) await remoteVideoFrom(person.page, 3);
      await host.page.waitForTimeout(SETTLE_MS);
      figures.upload['4'] = await perPerson(people.map((p) => p.page));
      figures.limits['4'] = await limitsOf(people.map((p) => p.page));
      for (const person of people.splice(2)) await person.close();
    }
    const label = `${url}${withoutSound ? ' without sound' : ''} ${where}`;
    const ms = await shareMs(host.page, guest.page, host.byTestId('toggle-share'), figures, label);
    (withoutSound ? figures.shareWithoutSound : figures.share)[where].push(ms);
  } finally {
    for (const person of people) await person.close();
  }
}

/** The bare page: the same steps (its Join button carries the probe's test id). */
async function bareRun(browser: Browser, url: string, figures: Figures, where: 'loopback' | 'delayed', full: boolean) {
  const room = Math.random().toString(36).slice(2, 10);
  const pages: Page[] = [];
  const open = async () => {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    await installRtcProbe(page);
    await installShareTimeline(page, { withoutSound: false });
    await slowDownAsConfigured(page);
    await page.goto(`${url}/?room=${room}`);
    pages.push(page);
    return page;
  };
  const join = async (page: Page) => {
    await page.getByTestId('prejoin-join').click();
    await page.waitForFunction(() => (window as unknown as { __bareJoined?: boolean }).__bareJoined === true);
  };
  try {
    const host = await open();
    const guest = await open();
    await installJoinTimeline(guest);
    if (JOIN_TIMELINE) await installJoinTimeline(host);
    await join(host);
    await guest.waitForTimeout(PREJOIN_DWELL_MS);
    await join(guest);
    await remoteVideoFrom(guest, 1);
    await joinFigures(guest, host, figures, where, 'bare');
    await remoteVideoFrom(host, 1);
    if (ONLY === 'join') return;
    if (full) {
      await host.waitForTimeout(SETTLE_MS);
      figures.upload['2'] = await perPerson([host, guest]);
      figures.limits['2'] = await limitsOf([host, guest]);
      const third = await open();
      await join(third);
      for (const page of pages) await remoteVideoFrom(page, 2);
      await host.waitForTimeout(SETTLE_MS);
      figures.upload['3'] = await perPerson(pages);
      figures.limits['3'] = await limitsOf(pages);
      const fourth = await open();
      await join(fourth);
      for (const page of pages) await remoteVideoFrom(page, 3);
      await host.waitForTimeout(SETTLE_MS);
      figures.upload['4'] = await perPerson(pages);
      figures.limits['4'] = await limitsOf(pages);
      for (const page of pages.splice(2)) await page.context().close();
    }
    figures.share[where].push(await shareMs(host, guest, host.getByTestId('bare-share'), figures, `bare ${where}`));
  } finally {
    for (const page of pages) await page.context().close();
  }
}

/**
 * Benchmark (npm run bench): Wava beside the bare approach (bare/), interleaved on the same machine: first load
 * on a slow link, join to first remote frame and screen share to first remote frame on loopback and with a
 * 100 ms signaling round trip, and upload/encode per person at 2 and 3 people.
 */
test('Wava against the bare approach', async () => {
  test.setTimeout(RUNS * (JOIN_BASELINE_ROOT ? 6 : 4) * 60_000);
  const server = await startServer({ WAVA_REGISTER_MAX_PER_IP: '100000', WAVA_LOGIN_MAX_PER_IP: '100000' });
  const other = JOIN_BASELINE_ROOT
    ? await startServer(
        {
          WAVA_REGISTER_MAX_PER_IP: '100000',
          WAVA_LOGIN_MAX_PER_IP: '100000',
          WAVA_WEB_ROOT: JOIN_BASELINE_ROOT,
        },
        BASELINE_SERVER,
      )
    : null;
  const bare = await startBareServer();
  const wavaSlow = await startDelayProxy(Number(new URL(server.url).port), DELAY_MS);
  const bareSlow = await startDelayProxy(bare.port, DELAY_MS);
  const browser = await launchChromium();
  const wava = empty();
  const otherBuild = empty();
  const baseline = empty();
  try {
    if (ONLY === undefined || ONLY === 'load') {
      wava.firstLoad = await firstLoad(browser, server.url, '[data-testid="auth-username"]');
      baseline.firstLoad = await firstLoad(browser, bare.url, '[data-testid="bare-name"]');
    }
    for (let run = 0; run < (ONLY === 'load' ? 0 : RUNS); run++) {
      const sharing = ONLY === undefined || ONLY === 'share';
      await wavaRun(browser, server.url, wava, 'loopback', { full: run === 0 && ONLY === undefined });
      if (other) await wavaRun(browser, other.url, otherBuild, 'loopback');
      await bareRun(browser, bare.url, baseline, 'loopback', run === 0 && ONLY === undefined);
      if (sharing) await wavaRun(browser, server.url, wava, 'loopback', { withoutSound: true });
      if (other && sharing && LOOPBACK_ONLY)
        await wavaRun(browser, other.url, otherBuild, 'loopback', { withoutSound: true });
      if (LOOPBACK_ONLY) continue;
      await wavaRun(browser, wavaSlow.url, wava, 'delayed');
      await bareRun(browser, bareSlow.url, baseline, 'delayed', false);
      if (sharing) await wavaRun(browser, wavaSlow.url, wava, 'delayed', { withoutSound: true });
    }
  } finally {
    await browser.close();
    await wavaSlow.close();
    await bareSlow.close();
    await bare.stop();
    await other?.stop();
    await server.stop();
  }
  mkdirSync('.tmp', { recursive: true });
  const builds = other ? { wava, otherBuild, bare: baseline } : { wava, bare: baseline };
  writeFileSync('.tmp/bench-compare.json', JSON.stringify({ ...builds, runs: RUNS, delayMs: DELAY_MS * 2 }));
  console.log(`[bench] ${JSON.stringify(builds)}`);
});

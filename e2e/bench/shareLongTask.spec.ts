import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../support/chromium.js';
import { twoInAMeeting } from '../support/participant.js';
import { connectionStats } from '../support/rtcProbe.js';
import { startServer } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';
import { FAKE_SCREEN_WIDTH, longestTaskMs, watchForNewVideoFrame, watchLongTasks } from './pageFigures.js';
import { longestTasks, TASK_TRACE_CATEGORIES } from './traceTasks.js';

const RUNS = Number(process.env.WAVA_BENCH_SHARE_RUNS ?? 6);
/** A folder: each run's Chromium trace (devtools timeline and JS samples of both pages) is written there. */
const TRACE_DIR = process.env.WAVA_BENCH_SHARE_TRACE;
/**
 * Another build of the web client (a folder like desktop/out/renderer, e.g. a copy made before a change): each
 * run is then measured on it too, interleaved with this build, from a second server.
 */
const BASELINE_ROOT = process.env.WAVA_BENCH_SHARE_BASELINE_ROOT;
/** After both people see each other, before the share: the join's own work is over. */
const SETTLE_MS = 3_000;

/** With WAVA_BENCH_SHARE_TRACE: what the traces written there hold (see docs in the test below). */
const FULL_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8.execute',
  ...TASK_TRACE_CATEGORIES,
];

/** One page's longest task while the share starts: the PerformanceObserver figure, and wall and CPU from the trace. */
interface PageFigure {
  observedMs: number;
  wallMs: number;
  cpuMs: number;
  totalCpuMs: number;
}
interface ShareFigure {
  sharer: PageFigure;
  viewer: PageFigure;
}

/** JavaScript samples of one page (CDP Profiler, every 250 µs) from `start` until the returned stop. */
async function profile(page: Page): Promise<() => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
}

async function remoteVideo(page: Page): Promise<void> {
  await waitFor(
    'a remote video',
    async () => ((await connectionStats(page)).some((s) => s.videoFramesDecoded > 0) ? true : undefined),
    { timeoutMs: 60_000 },
  );
}

/** One fresh two-person meeting; the host shares. Longest task on each page from the click to a second after the viewer's first frame. */
async function oneShare(browser: Browser, url: string, run: string): Promise<ShareFigure> {
  const { host, guest } = await twoInAMeeting(browser, url);
  try {
    await remoteVideo(guest.page);
    await remoteVideo(host.page);
    await host.page.waitForTimeout(SETTLE_MS);
    await Promise.all([watchLongTasks(host.page), watchLongTasks(guest.page)]);
    // Which renderer process is which in the trace.
    await host.page.evaluate(() => performance.mark('wava-bench-sharer'));
    await guest.page.evaluate(() => performance.mark('wava-bench-viewer'));
    const profiles = TRACE_DIR ? await Promise.all([profile(host.page), profile(guest.page)]) : [];
    await browser.startTracing(host.page, { categories: TRACE_DIR ? FULL_TRACE_CATEGORIES : TASK_TRACE_CATEGORIES });
    const frame = await watchForNewVideoFrame(guest.page, FAKE_SCREEN_WIDTH);
    await host.page.evaluate(() => performance.mark('wava-bench-click'));
    await host.byTestId('toggle-share').click();
    await frame();
    // The screen itself (on a loaded machine the first new frame can be a camera's, its call placed again).
    await expect(guest.byTestId('screen-stage')).toBeVisible({ timeout: 60_000 });
    await guest.page.waitForTimeout(1_000);
    const trace = await browser.stopTracing();
    if (TRACE_DIR) {
      mkdirSync(TRACE_DIR, { recursive: true });
      writeFileSync(`${TRACE_DIR}/share-${run}.json`, trace);
      const [sharer, viewer] = await Promise.all(profiles.map((stop) => stop()));
      writeFileSync(`${TRACE_DIR}/share-${run}-sharer.cpuprofile`, JSON.stringify(sharer));
      writeFileSync(`${TRACE_DIR}/share-${run}-viewer.cpuprofile`, JSON.stringify(viewer));
    }
    const tasks = longestTasks(trace, 'wava-bench-click');
    return {
      sharer: { observedMs: await longestTaskMs(host.page), ...tasks.marked },
      viewer: { observedMs: await longestTaskMs(guest.page), ...tasks.other },
    };
  } finally {
    await host.close();
    await guest.close();
  }
}

/**
 * Per run: the longest task seen by the PerformanceObserver (0 = none of 50 ms or more), the most CPU in one task,
 * and the CPU both main threads used from the click to a second after the viewer's first frame (the median too).
 */
function summary(runs: readonly ShareFigure[]): string {
  const each = runs.map(({ sharer, viewer }) => {
    const observed = Math.max(sharer.observedMs, viewer.observedMs);
    const total = Math.round(sharer.totalCpuMs + viewer.totalCpuMs);
    return `${observed} ms (CPU ${Math.max(sharer.cpuMs, viewer.cpuMs)} ms; main threads ${total} ms)`;
  });
  const totals = runs.map(({ sharer, viewer }) => sharer.totalCpuMs + viewer.totalCpuMs).sort((a, b) => a - b);
  // The middle value, or the mean of the two middle ones for an even count.
  const middle = (totals.length - 1) / 2;
  const median = totals.length ? Math.round((totals[Math.floor(middle)]! + totals[Math.ceil(middle)]!) / 2) : 0;
  return `${each.join(', ')}; main threads' CPU, median ${median} ms`;
}

/**
 * Benchmark, on demand (`bash scripts/e2e.sh --project=bench e2e/bench/shareLongTask.spec.ts`): the longest
 * main-thread task on the sharer's and the viewer's page while a screen share starts (the stage re-layout), over
 * `WAVA_BENCH_SHARE_RUNS` fresh meetings; with `WAVA_BENCH_SHARE_TRACE=<folder>` each run's Chromium trace too.
 */
test('longest main-thread task while a share starts', async () => {
  test.setTimeout(RUNS * (BASELINE_ROOT ? 2 : 1) * 240_000);
  const env = { WAVA_REGISTER_MAX_PER_IP: '100000', WAVA_LOGIN_MAX_PER_IP: '100000' };
  const server = await startServer(env);
  const baseline = BASELINE_ROOT ? await startServer({ ...env, WAVA_WEB_ROOT: BASELINE_ROOT }) : null;
  const browser = await launchChromium();
  const runs: ShareFigure[] = [];
  const baselineRuns: ShareFigure[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Alternate which build goes first, so neither always meets the machine's load in the same phase.
      const order = run % 2 === 0 ? [false, true] : [true, false];
      for (const isBaseline of order) {
        const target = isBaseline ? baseline : server;
        if (!target) continue;
        const figure = await oneShare(browser, target.url, `${run}${isBaseline ? '-baseline' : ''}`);
        (isBaseline ? baselineRuns : runs).push(figure);
        console.log(`[bench] run ${run}${isBaseline ? ' (baseline build)' : ''}: ${JSON.stringify(figure)}`);
      }
    }
  } finally {
    await browser.close();
    await baseline?.stop();
    await server.stop();
  }
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/bench-share-longtask.json', JSON.stringify({ runs, baselineRuns }));
  console.log(`[bench] longest task while a share starts, per run, sharer or viewer: ${summary(runs)}`);
  if (baseline) console.log(`[bench] the same on the baseline build: ${summary(baselineRuns)}`);
});

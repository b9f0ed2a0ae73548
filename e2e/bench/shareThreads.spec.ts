import { test, type Browser, type Locator, type Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { twoInAMeeting } from '../support/participant.js';
import { connectionStats, installRtcProbe } from '../support/rtcProbe.js';
import { startServer } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';
import { startBareServer } from './bareProcess.js';
import { FAKE_SCREEN_WIDTH, pressLikeAPerson, watchForNewVideoFrame } from './pageFigures.js';
import { threadCpuMs } from './traceTasks.js';

/** Shares per page kind (Wava, bare), interleaved. */
const RUNS = Number(process.env.WAVA_BENCH_THREAD_RUNS ?? 4);
/** Before the press, the pages as they are in a call: what each thread costs while nothing starts. */
const STEADY_MS = 400;
/** Only threads that used at least this much CPU in a window, on average, are listed. */
const LISTED_MS = 1;
const ROLES = { 'wava-bench-sharer': 'sharer', 'wava-bench-viewer': 'viewer' };

/** Two people in a call with their cameras on, as the share starts: the sharer's page, the viewer's, the button. */
interface Call {
  sharer: Page;
  viewer: Page;
  share: Locator;
  close(): Promise<void>;
}

async function wavaCall(browser: Browser, url: string): Promise<Call> {
  const { host, guest } = await twoInAMeeting(browser, url);
  return {
    sharer: host.page,
    viewer: guest.page,
    share: host.byTestId('toggle-share'),
    close: async () => {
      await host.close();
      await guest.close();
    },
  };
}

async function bareCall(browser: Browser, url: string): Promise<Call> {
  const room = Math.random().toString(36).slice(2, 10);
  const pages: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    await installRtcProbe(page);
    await page.goto(`${url}/?room=${room}`);
    await page.getByTestId('prejoin-join').click();
    await page.waitForFunction(() => (window as unknown as { __bareJoined?: boolean }).__bareJoined === true);
    pages.push(page);
  }
  const [sharer, viewer] = pages as [Page, Page];
  return {
    sharer,
    viewer,
    share: sharer.getByTestId('bare-share'),
    close: async () => {
      for (const page of pages) await page.context().close();
    },
  };
}

/** One share: its time to the viewer's first frame, and each thread's CPU from the press to that frame and before. */
async function traceShare(browser: Browser, call: Call) {
  for (const page of [call.viewer, call.sharer])
    await waitFor('a remote video', async () =>
      (await connectionStats(page)).some((s) => s.videoFramesDecoded > 0) ? true : undefined,
    );
  await call.sharer.waitForTimeout(1_500);
  await browser.startTracing(call.sharer, { categories: ['toplevel', 'blink.user_timing'] });
  const frame = await watchForNewVideoFrame(call.viewer, FAKE_SCREEN_WIDTH);
  const pressedAt = await pressLikeAPerson(call.sharer, call.share, async () => {
    await call.viewer.evaluate(() => performance.mark('wava-bench-viewer'));
    await call.sharer.evaluate(() => performance.mark('wava-bench-sharer'));
  });
  const ms = (await frame()) - pressedAt;
  const trace = await browser.stopTracing();
  return {
    ms,
    share: threadCpuMs(trace, 'wava-bench-sharer', { offsetMs: 0, ms }, ROLES),
    steady: threadCpuMs(trace, 'wava-bench-sharer', { offsetMs: -STEADY_MS, ms: STEADY_MS }, ROLES),
  };
}

/** Per thread, the mean over the runs. */
function mean(runs: readonly Map<string, number>[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const run of runs) for (const [thread, ms] of run) sum.set(thread, (sum.get(thread) ?? 0) + ms / runs.length);
  return sum;
}

function table(title: string, wava: Map<string, number>, bare: Map<string, number>): string {
  const threads = [...new Set([...wava.keys(), ...bare.keys()])]
    .filter((thread) => (wava.get(thread) ?? 0) >= LISTED_MS || (bare.get(thread) ?? 0) >= LISTED_MS)
    .sort((a, b) => (wava.get(b) ?? 0) - (wava.get(a) ?? 0));
  const row = (thread: string) =>
    `  ${(wava.get(thread) ?? 0).toFixed(1).padStart(7)} ${(bare.get(thread) ?? 0).toFixed(1).padStart(7)}  ${thread}`;
  const total = (m: Map<string, number>) =>
    [...m.values()]
      .reduce((a, b) => a + b, 0)
      .toFixed(1)
      .padStart(7);
  return [
    `[bench] ${title}`,
    '     Wava    bare  (CPU ms, mean per share)',
    ...threads.map(row),
    `  ${total(wava)} ${total(bare)}  all threads`,
  ].join('\n');
}

/**
 * Benchmark, on demand (`bash scripts/e2e.sh --project=bench e2e/bench/shareThreads.spec.ts`): where the CPU goes
 * while a screen share starts, Wava against the bare page, interleaved. For each browser thread (the sharer's and
 * the viewer's renderer, Chromium's browser and GPU processes; WebRTC's encoders and decoders run on the renderers'
 * ThreadPoolPresentationWorker threads) it prints the CPU its tasks used from the press to the viewer's first
 * screen frame, and in the 400 ms before the press. On a 2-core machine that CPU is what the screen's first
 * encode and decode wait for.
 */
test('CPU per thread while a share starts, Wava against the bare page', async () => {
  test.setTimeout(RUNS * 2 * 120_000);
  const server = await startServer({ WAVA_REGISTER_MAX_PER_IP: '100000', WAVA_LOGIN_MAX_PER_IP: '100000' });
  const bare = await startBareServer();
  const browser = await launchChromium();
  const runs = {
    wava: [] as Awaited<ReturnType<typeof traceShare>>[],
    bare: [] as Awaited<ReturnType<typeof traceShare>>[],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const kind of run % 2 === 0 ? (['wava', 'bare'] as const) : (['bare', 'wava'] as const)) {
        const call = kind === 'wava' ? await wavaCall(browser, server.url) : await bareCall(browser, bare.url);
        try {
          runs[kind].push(await traceShare(browser, call));
        } finally {
          await call.close();
        }
      }
    }
  } finally {
    await browser.close();
    await bare.stop();
    await server.stop();
  }
  const ms = (kind: 'wava' | 'bare') => runs[kind].map((r) => Math.round(r.ms)).join(', ');
  console.log(`[bench] share to first remote frame: Wava ${ms('wava')} ms; bare ${ms('bare')} ms`);
  const of = (kind: 'wava' | 'bare', part: 'share' | 'steady') => mean(runs[kind].map((r) => r[part]));
  console.log(table('from the press to the first frame', of('wava', 'share'), of('bare', 'share')));
  console.log(table(`the ${STEADY_MS} ms before the press`, of('wava', 'steady'), of('bare', 'steady')));
});

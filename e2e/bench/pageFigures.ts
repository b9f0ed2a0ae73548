import type { Browser, Locator, Page } from '@playwright/test';
import type { WatchVideoFrames } from '../support/rtcProbe.js';

/** Chromium's network emulation for the "slow link": 1.6 Mbps down and up, 150 ms latency. */
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 1_600_000 / 8 };

/**
 * Loads `url` in a fresh context on the emulated slow link: milliseconds until `visible` is on screen, and
 * the bytes transferred (compressed, headers included) by then plus what the page still loads right after.
 */
export async function firstLoad(
  browser: Browser,
  url: string,
  visible: string,
): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
    const start = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(visible).waitFor({ state: 'visible', timeout: 30_000 });
    const ms = Date.now() - start;
    await page.waitForLoadState('networkidle');
    return { ms, bytes };
  } finally {
    await context.close();
  }
}

/**
 * The width of a shared screen in the bench, on Wava and on the bare page: Chromium's fake screen is 1280x720 (what
 * Wava gets with no size asked; the bare page asks for that size).
 */
export const FAKE_SCREEN_WIDTH = 1280;

/**
 * Starts watching `receiver` for the first frame of a new remote video at least `minWidth` wide: a frame on a
 * receiving video track that had decoded none before, or a larger frame on one that had (a replaceTrack share over
 * a camera; `minWidth` keeps a camera whose picture grows back after a dip from counting). The function it
 * returns waits for that frame and gives the time it was decoded, as a Date.now() time of the page.
 *
 * What each track decoded before comes from `getStats` once. Then the RTC probe's frame watcher (rtcProbe.ts,
 * installed on every bench page) watches every receiving video track of the page's connections with
 * `requestVideoFrameCallback` and takes the frame's time from the callback's metadata, which the browser stamps off
 * the main thread: a busy main thread delays the callback but not the figure. It costs one callback per frame,
 * where polling `getStats` on every connection every 10 ms cost the page more main thread than the app itself.
 */
export async function watchForNewVideoFrame(receiver: Page, minWidth = 0): Promise<() => Promise<number>> {
  await receiver.evaluate(async (minWidth) => {
    const connections = ((window as unknown as { __wavaPcs?: RTCPeerConnection[] }).__wavaPcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    /** Per track id, the pixels of the last frame it decoded before now (absent: none). */
    const before = new Map<string, number>();
    for (const pc of connections)
      (await pc.getStats()).forEach(
        (r: { type: string; kind?: string; trackIdentifier?: string; frameWidth?: number; frameHeight?: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video' && r.trackIdentifier && r.frameWidth)
            before.set(r.trackIdentifier, r.frameWidth * (r.frameHeight ?? 0));
        },
      );
    const watch = (window as unknown as { __watchVideoFrames: WatchVideoFrames }).__watchVideoFrames;
    const frame = watch((track, metadata) => {
      const was = before.get(track.id) ?? 0;
      return metadata.width >= minWidth && (was === 0 || metadata.width * metadata.height > was);
    }, 50);
    (window as unknown as { __newVideoFrame: Promise<number> }).__newVideoFrame = frame.then(
      (at) => performance.timeOrigin + at,
    );
  }, minWidth);
  return () => receiver.evaluate(() => (window as unknown as { __newVideoFrame: Promise<number> }).__newVideoFrame);
}

/**
 * Presses `button` like a person presses it: the pointer rests on it first (its hover restyle is not in the clock),
 * then the mouse button goes down and up through the browser's input pipeline, with none of Playwright's
 * actionability checks (which wait for animation frames) inside the clock. `beforePress` runs once the pointer
 * rests. Gives the Date.now() time of the press.
 */
export async function pressLikeAPerson(
  page: Page,
  button: Locator,
  beforePress: () => Promise<void> = async () => undefined,
): Promise<number> {
  const box = await button.boundingBox();
  if (!box) throw new Error('the button is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(500);
  await beforePress();
  const pressedAt = Date.now();
  await page.mouse.down();
  await page.mouse.up();
  return pressedAt;
}

export interface UploadFigures {
  /** Bits per second actually sent (audio and video); the fake camera's simple picture needs few bits. */
  bps: number;
  /** The video encoders' target bitrate summed over calls at the end: what a real camera would fill. */
  targetBps: number;
  /** Video encode time, ms per second. */
  encodeMsPerS: number;
}

/** What one page sends over `seconds`, over the calls open at both ends of the window. */
export async function uploadAndEncode(page: Page, seconds: number): Promise<UploadFigures> {
  const totals = () =>
    page.evaluate(async () => {
      const perCall: Record<number, { bytes: number; encode: number; target: number }> = {};
      for (const [index, pc] of ((window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []).entries()) {
        if (pc.connectionState === 'closed') continue;
        const call = { bytes: 0, encode: 0, target: 0 };
        (await pc.getStats()).forEach(
          (r: {
            type: string;
            kind?: string;
            bytesSent?: number;
            totalEncodeTime?: number;
            targetBitrate?: number;
          }) => {
            if (r.type !== 'outbound-rtp') return;
            call.bytes += r.bytesSent ?? 0;
            call.encode += r.totalEncodeTime ?? 0;
            if (r.kind === 'video') call.target += r.targetBitrate ?? 0;
          },
        );
        perCall[index] = call;
      }
      return { perCall, at: performance.now() };
    });
  const first = await totals();
  await page.waitForTimeout(seconds * 1000);
  const last = await totals();
  const elapsed = (last.at - first.at) / 1000;
  let bytes = 0;
  let encode = 0;
  let target = 0;
  for (const [index, call] of Object.entries(last.perCall)) {
    target += call.target;
    const before = first.perCall[Number(index)];
    if (!before) continue;
    bytes += call.bytes - before.bytes;
    encode += call.encode - before.encode;
  }
  return { bps: (bytes * 8) / elapsed, targetBps: target, encodeMsPerS: (encode * 1000) / elapsed };
}

/** Starts noting the page's long tasks (main thread busy 50 ms or more); `longestTaskMs` reads the longest. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longestTask?: number; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    w.__longestTask = 0;
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longestTask = Math.max(w.__longestTask ?? 0, entry.duration);
    });
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
}

/** The longest main-thread task since `watchLongTasks`, in ms; 0 when none reached 50 ms. */
export function longestTaskMs(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longestTask?: number }).__longestTask ?? 0);
}

export interface SendLimits {
  /** The smallest frame height this page sends on its camera video (what its encoders scaled down to). */
  sentHeight: number;
  /** The smallest `maxBitrate` set on its camera video senders; 0 when none is set (the encoder's own). */
  maxBitrateBps: number;
  /** The smallest frame height this page receives from anyone. */
  receivedHeight: number;
}

/** What the per-sender limits do on one page now: sent and received frame size, the bitrate cap. */
export function sendLimits(page: Page): Promise<SendLimits> {
  return page.evaluate(async () => {
    let sentHeight = Infinity;
    let receivedHeight = Infinity;
    let maxBitrateBps = Infinity;
    for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState !== 'connected') continue;
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        for (const encoding of sender.getParameters().encodings ?? [])
          maxBitrateBps = Math.min(maxBitrateBps, encoding.maxBitrate ?? 0);
      }
      (await pc.getStats()).forEach((r: { type: string; kind?: string; frameHeight?: number }) => {
        if (r.kind !== 'video' || !r.frameHeight) return;
        if (r.type === 'outbound-rtp') sentHeight = Math.min(sentHeight, r.frameHeight);
        if (r.type === 'inbound-rtp') receivedHeight = Math.min(receivedHeight, r.frameHeight);
      });
    }
    const finite = (n: number) => (Number.isFinite(n) ? n : 0);
    return {
      sentHeight: finite(sentHeight),
      maxBitrateBps: finite(maxBitrateBps),
      receivedHeight: finite(receivedHeight),
    };
  });
}

/**
 * `WAVA_BENCH_CPU_SLOWDOWN=N` (1: none): each page's main thread runs N times slower (Chromium's CPU throttling, as
 * DevTools offers it), Wava's pages and the bare page's alike, so that the join and share figures of a slower machine
 * (or a busy one) can be read on a fast one. The browser's other threads (network, media, compositor) keep their speed.
 */
const CPU_SLOWDOWN = Number(process.env.WAVA_BENCH_CPU_SLOWDOWN ?? 1);

export async function slowDownAsConfigured(page: Page): Promise<void> {
  if (!(CPU_SLOWDOWN > 1)) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

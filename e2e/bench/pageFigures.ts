import type { Browser, Page } from '@playwright/test';

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
 * Waits on `receiver` for the first frame of a new remote video: a new inbound stream decoding frames, or an
 * existing one whose frame size changed (a replaceTrack share). Returns the page's Date.now() at that frame.
 */
export function nextNewVideoFrameAt(receiver: Page): Promise<number> {
  return receiver.evaluate(async () => {
    const connections = () => (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? [];
    const inbound = async () => {
      const seen = new Map<string, { w: number; h: number; frames: number }>();
      for (const [index, pc] of connections().entries()) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (r: {
            type: string;
            kind?: string;
            ssrc?: number;
            frameWidth?: number;
            frameHeight?: number;
            framesDecoded?: number;
          }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video')
              seen.set(`${index}:${r.ssrc}`, {
                w: r.frameWidth ?? 0,
                h: r.frameHeight ?? 0,
                frames: r.framesDecoded ?? 0,
              });
          },
        );
      }
      return seen;
    };
    const before = await inbound();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      for (const [key, now] of await inbound()) {
        const was = before.get(key);
        if (!was && now.frames > 0) return Date.now();
        if (was && now.frames > was.frames && now.w > 0 && (now.w !== was.w || now.h !== was.h)) return Date.now();
      }
    }
  });
}

export interface UploadFigures {
  /** Bits per second actually sent (audio and video); the fake camera's simple picture needs few bits. */
  bps: number;
  /** The video encoders' target bitrate summed over calls at the end: what a real camera would fill. */
  targetBps: number;
  /** Video encode time, ms per second. */
  encodeMsPerS: number;
}

/** What one page sends over `seconds`. */
export async function uploadAndEncode(page: Page, seconds: number): Promise<UploadFigures> {
  const totals = () =>
    page.evaluate(async () => {
      let bytes = 0;
      let encode = 0;
      let target = 0;
      for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (r: {
            type: string;
            kind?: string;
            bytesSent?: number;
            totalEncodeTime?: number;
            targetBitrate?: number;
          }) => {
            if (r.type !== 'outbound-rtp') return;
            bytes += r.bytesSent ?? 0;
            encode += r.totalEncodeTime ?? 0;
            if (r.kind === 'video') target += r.targetBitrate ?? 0;
          },
        );
      }
      return { bytes, encode, target, at: performance.now() };
    });
  const first = await totals();
  await page.waitForTimeout(seconds * 1000);
  const last = await totals();
  const elapsed = (last.at - first.at) / 1000;
  return {
    bps: ((last.bytes - first.bytes) * 8) / elapsed,
    targetBps: last.target,
    encodeMsPerS: ((last.encode - first.encode) * 1000) / elapsed,
  };
}

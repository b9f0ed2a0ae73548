import type { Page } from '@playwright/test';

/** A remote person's picture on either page: Wava's remote tile video, the bare page's appended video. */
const REMOTE_VIDEO = '[data-testid="tile"][data-self="false"] video, #videos video';

/**
 * Injected before the page loads (after rtcProbe's own script): from the click on Join, when the first remote
 * picture is on screen (a visible video element of a remote person with a decoded frame, checked every animation
 * frame) and, for `joinTimeline`, what happened meanwhile: each peer connection's signalling, ICE and connection
 * states, PeerJS's offer, answer and candidates and Socket.io's events and acknowledgements on the websockets,
 * and the long animation frames (50 ms or more) with the scripts that ran in them.
 */
function timeline(selector: string): void {
  const w = window as unknown as Record<string, unknown>;
  const events: { t: number; what: string }[] = [];
  w.__joinTimeline = events;
  const mark = (what: string) => events.push({ t: performance.now(), what });

  const Tracked = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Tracked {
    constructor(config?: RTCConfiguration) {
      super(config);
      mark('pc created');
      this.addEventListener('signalingstatechange', () => mark(`signaling ${this.signalingState}`));
      this.addEventListener('iceconnectionstatechange', () => mark(`ice ${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`connection ${this.connectionState}`));
      this.addEventListener('icecandidate', (event) => mark(`local candidate ${event.candidate ? 'one' : 'end'}`));
      this.addEventListener('track', (event) => mark(`track ${event.track.kind}`));
    }
  };

  const kindOf = (data: unknown): string | null => {
    if (typeof data !== 'string') return null;
    const peerType = /"type":"(OFFER|ANSWER|CANDIDATE)"/.exec(data);
    if (peerType) return `peerjs ${peerType[1]}`;
    const event = /^42\d*\["([^"]+)"/.exec(data);
    if (event) return `socket ${event[1]}`;
    return /^43\d+/.test(data) ? 'socket ack' : null;
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const kind = kindOf(event.data);
        if (kind) mark(`in: ${kind}`);
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const kind = kindOf(data);
      if (kind) mark(`out: ${kind}`);
      super.send(data);
    }
  };

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      blockingDuration?: number;
      scripts?: { invoker?: string; sourceFunctionName?: string; duration: number }[];
    })[]) {
      const scripts = (entry.scripts ?? [])
        .filter((s) => s.duration >= 5)
        .map(
          (s) =>
            `${s.invoker ?? '?'}${s.sourceFunctionName ? `/${s.sourceFunctionName}` : ''} ${Math.round(s.duration)}ms`,
        );
      events.push({
        t: entry.startTime,
        what: `long frame ${Math.round(entry.duration)}ms (blocking ${Math.round(entry.blockingDuration ?? 0)}) ${scripts.join(', ')}`,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });

  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (!target?.closest('[data-testid="prejoin-join"]') || w.__timelineClickAt !== undefined) return;
      // The click's own time (as the join probe's): a page busy when the click comes pays for it in its figure.
      w.__timelineClickAt = event.timeStamp;
      const look = () => {
        const shown = Array.from(document.querySelectorAll<HTMLVideoElement>(selector)).some(
          (video) => video.videoWidth > 0 && !video.hidden && video.getClientRects().length > 0,
        );
        if (shown) {
          w.__pictureShownAt = performance.now();
          mark('remote picture shown');
        } else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    true,
  );
}

/** Installs the timeline on a page that has not joined yet (it reloads the page). */
export async function installJoinTimeline(page: Page): Promise<void> {
  await page.addInitScript(timeline, REMOTE_VIDEO);
  await page.reload();
}

/** Milliseconds from pressing Join until the first remote picture was on screen, once it was. */
export function joinToPictureMs(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const w = window as unknown as { __timelineClickAt?: number; __pictureShownAt?: number };
    return w.__timelineClickAt !== undefined && w.__pictureShownAt !== undefined
      ? w.__pictureShownAt - w.__timelineClickAt
      : null;
  });
}

/**
 * What happened from pressing Join (time 0), one line each: `+123 what`. `joiner`: the page where Join was pressed,
 * when `page` is another one in the call: its events as the person already there saw them, on the joiner's clock
 * (to within the two pages' clocks' agreement, about a millisecond; the timeline's per-frame check for the remote
 * picture runs on that page too, from its own Join, which adds to its work).
 */
export async function joinTimeline(page: Page, joiner: Page = page): Promise<string[]> {
  const clickedAt = await joiner.evaluate(() => {
    const w = window as unknown as { __timelineClickAt?: number };
    return performance.timeOrigin + (w.__timelineClickAt ?? 0);
  });
  return page.evaluate((clickedAt) => {
    const w = window as unknown as { __joinTimeline?: { t: number; what: string }[] };
    const start = clickedAt - performance.timeOrigin;
    return (w.__joinTimeline ?? [])
      .filter((e) => e.t >= start - 100)
      .sort((a, b) => a.t - b.t)
      .map((e) => `${e.t >= start ? '+' : ''}${Math.round(e.t - start)} ${e.what}`);
  }, clickedAt);
}

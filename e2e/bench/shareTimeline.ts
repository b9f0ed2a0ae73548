import type { Page } from '@playwright/test';

/**
 * Injected before the page loads, on the sharing page: marks the steps of a share start (the click reaching the
 * page, `getDisplayMedia` asked and answered, each `replaceTrack` asked and done) as Date.now()-comparable times,
 * read back by `shareTimeline`. With `withoutSound`, the page's `getDisplayMedia` asks for no sound: what a person
 * gets who leaves the browser picker's "share audio" box unticked. Chromium's fake picker (the bench has no person)
 * always shares the sound it is asked for, and starting that capture takes it about 15 ms.
 */
function timeline(withoutSound: boolean): void {
  const w = window as unknown as { __shareTimeline: [string, number][] };
  const marks: [string, number][] = [];
  w.__shareTimeline = marks;
  const mark = (what: string) => marks.push([what, performance.timeOrigin + performance.now()]);
  const devices = navigator.mediaDevices;
  const getDisplayMedia = devices.getDisplayMedia.bind(devices);
  devices.getDisplayMedia = async (options) => {
    mark('getDisplayMedia');
    const stream = await getDisplayMedia(withoutSound ? { ...options, audio: false } : options);
    mark(`got ${stream.getTracks().length === 1 ? 'the screen' : 'the screen and its sound'}`);
    return stream;
  };
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track: MediaStreamTrack | null) {
    const what = track ? `${track.kind} ${track.label.slice(0, 12)}` : 'nothing';
    mark(`replaceTrack(${what})`);
    const done = replaceTrack.call(this, track);
    void done.then(() => mark(`replaced with ${what}`)).catch(() => undefined);
    return done;
  };
  const button = '[data-testid="toggle-share"], [data-testid="bare-share"]';
  document.addEventListener(
    'click',
    (event) => {
      if (!(event.target as Element | null)?.closest(button)) return;
      mark('click');
      setTimeout(() => mark('next task after the click'), 0);
    },
    true,
  );
}

export async function installShareTimeline(page: Page, options: { withoutSound: boolean }): Promise<void> {
  await page.addInitScript(timeline, options.withoutSound);
}

/** Forgets what was marked so far (call before the click). */
export async function clearShareTimeline(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __shareTimeline?: unknown[] }).__shareTimeline?.splice(0);
  });
}

/** The steps marked since `clearShareTimeline`, each as "step @ms after `since`" (a Date.now() time). */
export async function shareTimeline(page: Page, since: number): Promise<string[]> {
  const marks = await page.evaluate(
    () => (window as unknown as { __shareTimeline?: [string, number][] }).__shareTimeline ?? [],
  );
  return marks.map(([what, at]) => `${what} @${Math.round(at - since)}`);
}

import type { Page } from '@playwright/test';

/** What a FrameCount saw: the frames presented so far at each sample, and how many sources the element showed. */
export interface FrameSamples {
  /** Frames presented since counting began, at each sample (one every `sampleMs`). */
  counts: number[];
  /** How many different streams (or elements) the picture came from while counting. */
  sources: number;
}

interface PageCounter {
  counts: number[];
  sources: number;
  stop(): void;
}

type CounterWindow = Window & { __wavaFrameCounters?: Record<string, PageCounter> };

/**
 * Counts the frames a <video> presents (requestVideoFrameCallback: one call per new frame on screen), following
 * the element `selector` finds even when its stream is swapped (the SFU's for the mesh's) or the element is
 * replaced, and samples the running count every `sampleMs`. A sample that did not grow is a moment in which the
 * person saw a frozen picture.
 */
export async function countFrames(page: Page, key: string, selector: string, sampleMs: number): Promise<void> {
  await page.evaluate(
    ({ key, selector, sampleMs }) => {
      const w = window as CounterWindow;
      let frames = 0;
      let generation = 0;
      let element: HTMLVideoElement | null = null;
      let source: MediaProvider | null = null;
      const counter: PageCounter = { counts: [], sources: 0, stop: () => undefined };
      const follow = () => {
        const found = document.querySelector<HTMLVideoElement>(selector);
        if (!found || (found === element && found.srcObject === source)) return;
        element = found;
        source = found.srcObject;
        if (source) counter.sources += 1;
        const mine = ++generation;
        const onFrame = () => {
          if (mine !== generation) return;
          frames += 1;
          found.requestVideoFrameCallback(onFrame);
        };
        found.requestVideoFrameCallback(onFrame);
      };
      follow();
      const watching = setInterval(follow, 20);
      const sampling = setInterval(() => counter.counts.push(frames), sampleMs);
      counter.stop = () => {
        clearInterval(watching);
        clearInterval(sampling);
        generation += 1;
      };
      w.__wavaFrameCounters = { ...w.__wavaFrameCounters, [key]: counter };
    },
    { key, selector, sampleMs },
  );
}

/** Stops the counter `key` and returns what it saw. */
export function stopCountingFrames(page: Page, key: string): Promise<FrameSamples> {
  return page.evaluate((key) => {
    const counter = (window as CounterWindow).__wavaFrameCounters?.[key];
    if (!counter) throw new Error(`no frame counter ${key}`);
    counter.stop();
    return { counts: counter.counts, sources: counter.sources };
  }, key);
}

/** The samples in which no new frame was presented (the picture stood still), as indexes. */
export function frozenSamples(samples: FrameSamples): number[] {
  return samples.counts.flatMap((count, index) => (index > 0 && count <= samples.counts[index - 1]! ? [index] : []));
}

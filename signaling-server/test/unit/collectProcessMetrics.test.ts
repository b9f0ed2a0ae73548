import perfHooks, { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { collectProcessMetrics, EVENT_LOOP_PRECISION_MS } from '../../src/observability/collectProcessMetrics.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A monitor of our own at the server's precision, the control: it has ticked `ticks` times since the call. */
const control = monitorEventLoopDelay({ resolution: EVENT_LOOP_PRECISION_MS });
control.enable();
afterAll(() => control.disable());
async function controlTicks(ticks: number): Promise<void> {
  control.reset();
  while (control.count < ticks) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Forces a garbage collection and resolves once an observer of our own has been told about it. */
function collectGarbageSeen(): Promise<void> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe({ entryTypes: ['gc'] });
    collectGarbage();
  });
}

async function scrape(registry: Registry) {
  const text = await registry.metrics();
  const value = (name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  return {
    /** NaN when the event-loop monitor recorded nothing since the last scrape. */
    lagMean: Number(value('nodejs_eventloop_lag_mean_seconds')),
    activeSeconds: Number(value('nodejs_eventloop_active_seconds_total')),
    gcCount: [...text.matchAll(/^nodejs_gc_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    ),
  };
}

describe("Node's process metrics", () => {
  it('record event-loop lag and garbage collections until stopped, and nothing after', async () => {
    const registry = new Registry();
    const stop = collectProcessMetrics(registry);

    await scrape(registry);
    await controlTicks(2);
    await collectGarbageSeen();
    const running = await scrape(registry);
    expect(running.lagMean).not.toBeNaN();
    expect(running.gcCount).toBeGreaterThan(0);

    stop();
    await scrape(registry);
    await controlTicks(2);
    await collectGarbageSeen();
    const stopped = await scrape(registry);
    expect(stopped.lagMean).toBeNaN();
    expect(stopped.gcCount).toBe(running.gcCount);
  });

  it('count the time the event loop spends running code, not the time it waits, without a timer of their own', async () => {
    const registry = new Registry();
    const timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const stop = collectProcessMetrics(registry);
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout')).toHaveLength(timers);
    const before = await scrape(registry);
    const busyUntil = performance.now() + 300;
    while (performance.now() < busyUntil);
    const busy = await scrape(registry);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idle = await scrape(registry);
    stop();
    expect(busy.activeSeconds - before.activeSeconds).toBeGreaterThan(0.25);
    expect(idle.activeSeconds - busy.activeSeconds).toBeLessThan(0.1);
  });

  it('leave perf_hooks as they found them', () => {
    collectProcessMetrics(new Registry())();
    expect(perfHooks.monitorEventLoopDelay).toBe(monitorEventLoopDelay);
    expect(perfHooks.PerformanceObserver).toBe(PerformanceObserver);
  });
});

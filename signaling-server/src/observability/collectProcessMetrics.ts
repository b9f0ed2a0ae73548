import perfHooks, { type PerformanceObserverCallback } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

type Factories = Pick<typeof perfHooks, 'monitorEventLoopDelay' | 'PerformanceObserver'>;

/**
 * The event-loop-delay monitor wakes the process this often. Each wake costs CPU even when there is nothing to do:
 * prom-client's default (10 ms) cost an idle server about 4 ms of CPU a second, and 100 ms about 0.8 (against
 * about 0.3 once a second), a sixth of what 2,000 idle connections' pings cost (`npm run bench`). Once a second, a stall shorter than that shows in the lag percentiles only
 * when it covers one of the monitor's ticks; a busy loop always shows in `nodejs_eventloop_utilization_ratio`,
 * read from libuv's own accounting at each scrape without waking anything.
 */
export const EVENT_LOOP_PRECISION_MS = 1_000;

/**
 * Node's default process metrics (prom-client's `collectDefaultMetrics`: CPU, memory, heap, handles,
 * event-loop lag, garbage collection, file descriptors, Node version) in `registry`, and the event loop's
 * utilization since the previous scrape. Returns the function that stops what they started.
 *
 * prom-client 15 starts two things it has no way to stop (prometheus/client_js#494 and #500): an
 * event-loop-delay monitor (a libuv timer, every `EVENT_LOOP_PRECISION_MS` here) and a PerformanceObserver of garbage collections,
 * which also keeps the registry reachable for ever. It creates both during the `collectDefaultMetrics` call,
 * through the `perf_hooks` module object, so for that one synchronous call the two factories are wrapped to
 * hold on to what they create; everything else is prom-client's own code.
 */
export function collectProcessMetrics(registry: Registry): () => void {
  const hooks: Factories = perfHooks;
  const { monitorEventLoopDelay, PerformanceObserver } = hooks;
  const stops: Array<() => void> = [];
  hooks.monitorEventLoopDelay = (options) => {
    const histogram = monitorEventLoopDelay(options);
    stops.push(() => histogram.disable());
    return histogram;
  };
  hooks.PerformanceObserver = class extends PerformanceObserver {
    constructor(callback: PerformanceObserverCallback) {
      super(callback);
      stops.push(() => this.disconnect());
    }
  };
  try {
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_PRECISION_MS });
  } finally {
    hooks.monitorEventLoopDelay = monitorEventLoopDelay;
    hooks.PerformanceObserver = PerformanceObserver;
  }
  const { performance } = perfHooks;
  let since = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization_ratio',
    help: 'Share of the time since the previous scrape that the event loop spent running code (0 to 1).',
    registers: [registry],
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, since).utilization);
      since = now;
    },
  });
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

import perfHooks, { type PerformanceObserverCallback } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, type Registry } from 'prom-client';

type Factories = Pick<typeof perfHooks, 'monitorEventLoopDelay' | 'PerformanceObserver'>;

/**
 * The event-loop-delay monitor wakes the process this often. Each wake costs CPU even when there is nothing to do:
 * prom-client's default (10 ms) cost an idle server about 4 ms of CPU a second, and 100 ms about 0.8 (against about
 * 0.3 once a second). prom-client reports the time between the monitor's ticks, so every `nodejs_eventloop_lag_*`
 * series includes this interval: an idle server shows about 1 s, and the lag is the value minus 1 s. A stall shorter
 * than a second shows in them only when it covers a tick; sustained load shows in
 * `nodejs_eventloop_active_seconds_total`, read from libuv's own accounting at each scrape without waking anything.
 */
export const EVENT_LOOP_PRECISION_MS = 1_000;

/**
 * Node's default process metrics (prom-client's `collectDefaultMetrics`: CPU, memory, heap, handles,
 * event-loop lag, garbage collection, file descriptors, Node version) in `registry`, and the event loop's
 * active time (a counter, so that any number of scrapers can take its rate). Returns the function that stops what
 * they started.
 *
 * prom-client 15 starts two things it has no way to stop (prometheus/client_js#494 and #500): an event-loop-delay
 * monitor (a libuv timer, every `EVENT_LOOP_PRECISION_MS` here) and a PerformanceObserver of garbage collections,
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
  let counted = 0;
  new Counter({
    name: 'nodejs_eventloop_active_seconds_total',
    help: 'Time the event loop spent running code; its rate is the loop utilization (0 to 1).',
    registers: [registry],
    collect() {
      const active = performance.eventLoopUtilization().active / 1000;
      this.inc(Math.max(0, active - counted));
      counted = active;
    },
  });
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

import perfHooks, { type PerformanceObserverCallback } from 'node:perf_hooks';
import { collectDefaultMetrics, type Registry } from 'prom-client';

type Factories = Pick<typeof perfHooks, 'monitorEventLoopDelay' | 'PerformanceObserver'>;

/**
 * Node's default process metrics (prom-client's `collectDefaultMetrics`: CPU, memory, heap, handles,
 * event-loop lag, garbage collection, file descriptors, Node version) in `registry`. Returns the function
 * that stops what they started.
 *
 * prom-client 15 starts two things it has no way to stop (prometheus/client_js#494 and #500): an
 * event-loop-delay monitor (a libuv timer, every 100 ms here) and a PerformanceObserver of garbage collections,
 * which also keeps the registry reachable for ever. It creates both during the `collectDefaultMetrics` call,
 * through the `perf_hooks` module object, so for that one synchronous call the two factories are wrapped to
 * hold on to what they create; everything else is prom-client's own code.
 */
/**
 * The event-loop-delay monitor wakes the process this often. prom-client's default (10 ms) cost an idle server
 * about 4 ms of CPU per second, more than its thousands of idle connections; lag worth alerting on is far
 * longer than 100 ms anyway.
 */
export const EVENT_LOOP_PRECISION_MS = 100;

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
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

// Preloaded (node --expose-gc --import) into a server under `npm run bench`: on SIGUSR2 it collects garbage
// and prints the V8 heap in use, so heap per connection is compared after a full GC on both servers; and it prints
// each collection of the whole heap V8 makes by itself (`MAJOR <epoch ms> <duration ms>`), so the bench can see
// when V8's memory reducer has finished and the server is idle.
import { PerformanceObserver, constants } from 'node:perf_hooks';

/** When the last full GC asked for by SIGUSR2 ran (performance.now() times): its entry is not V8's own. */
let forced = { from: -1, to: -1 };
process.on('SIGUSR2', () => {
  const from = performance.now();
  globalThis.gc?.();
  forced = { from, to: performance.now() };
  process.stdout.write(`HEAP ${process.memoryUsage().heapUsed}\n`);
});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
    if (entry.startTime >= forced.from && entry.startTime <= forced.to) continue;
    process.stdout.write(
      `MAJOR ${Math.round(performance.timeOrigin + entry.startTime)} ${entry.duration.toFixed(1)}\n`,
    );
  }
}).observe({ entryTypes: ['gc'] });

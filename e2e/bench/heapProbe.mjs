// Preloaded (node --expose-gc --import) into a server under `npm run bench`: on SIGUSR2 it collects garbage
// and prints the V8 heap in use, so heap per connection is compared after a full GC on both servers; and it prints
// each full collection (`MAJOR <epoch ms> <pause ms>`, `FORCED` for its own), so the bench can see when V8's
// memory reducer has finished and the server is idle. The observer runs a little JavaScript after every collection,
// minor ones too, on both servers alike.
import { PerformanceObserver, constants } from 'node:perf_hooks';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  process.stdout.write(`HEAP ${process.memoryUsage().heapUsed}\n`);
});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
    if (entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) process.stdout.write('FORCED\n');
    else
      process.stdout.write(
        `MAJOR ${Math.round(performance.timeOrigin + entry.startTime)} ${entry.duration.toFixed(1)}\n`,
      );
  }
}).observe({ entryTypes: ['gc'] });

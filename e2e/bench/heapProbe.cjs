// Preloaded (node --expose-gc --require) into a server under `npm run bench`: on SIGUSR2 it collects garbage
// and prints the V8 heap in use, so heap per connection is compared after a full GC on both servers.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  process.stdout.write(`HEAP ${process.memoryUsage().heapUsed}\n`);
});

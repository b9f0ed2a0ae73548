/**
 * A child process for shutdownSignals.test.ts: loads when-exit as the app's main script does (electron-store ->
 * conf -> atomically -> when-exit), then listens with onShutdownSignals. Prints one line per notice; exits (0) by
 * itself at SIGINT's.
 */
import 'when-exit';
import { onShutdownSignals } from '../../../src/main/shutdown/shutdownSignals.js';

onShutdownSignals(process, (notice) => {
  if (notice.kind !== 'signal') return;
  process.stdout.write(`notice ${notice.signal}\n`);
  if (notice.signal === 'SIGINT') process.exit(0);
});
process.stdout.write('listening\n');
// Kept alive until told to end.
setInterval(() => undefined, 60_000);

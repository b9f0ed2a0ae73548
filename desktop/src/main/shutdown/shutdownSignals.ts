import type { Disposable } from '../util/Disposable.js';
import type { ShutdownNotice, ShutdownSignal } from './handleSystemShutdown.js';

export const SHUTDOWN_SIGNALS: readonly ShutdownSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** Node's `process`, as far as signals go. */
export type SignalSource = Pick<NodeJS.Process, 'on' | 'removeListener' | 'rawListeners'>;

/**
 * Linux and macOS: SIGTERM, SIGINT and SIGHUP reach `listener` as a shutdown notice instead of Electron's own
 * handling (an `app.quit()`, whose `before-quit` the quit prompt holds during a meeting: a dialog nobody answers
 * while the session ends). Call once the app is ready, and not on Windows (no such signals there).
 *
 * Why the listeners are added again: a signal reaches Node's listeners only while Node's handler is the one the
 * process has (libuv installs it when Node starts watching a signal, i.e. at its first listener). Electron installs
 * its own handlers after the main script has run, replacing one installed at load; and a library loaded with the
 * main script already watches these signals (when-exit, through electron-store and conf), so another listener
 * would not make Node install its handler again. So the listeners already there are taken off (Node stops watching:
 * the default handler is back for that instant), ours is added first (Node installs its handler, replacing
 * Electron's), and theirs go back unchanged. when-exit raises the signal again after its cleanup, expecting the
 * default handler to end the process: with ours listening, that repeated signal is one more notice, ignored.
 */
export function onShutdownSignals(proc: SignalSource, listener: (notice: ShutdownNotice) => void): Disposable {
  const handlers = SHUTDOWN_SIGNALS.map((signal) => {
    const handler = () => listener({ kind: 'signal', signal });
    const others = proc.rawListeners(signal) as NodeJS.SignalsListener[];
    for (const other of others) proc.removeListener(signal, other);
    proc.on(signal, handler);
    for (const other of others) proc.on(signal, other);
    return { signal, handler };
  });
  return {
    dispose: () => handlers.forEach(({ signal, handler }) => void proc.removeListener(signal, handler)),
  };
}

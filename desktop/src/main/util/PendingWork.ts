import { drop, type Logger } from './log.js';

/** Background work worth letting finish before the app quits (a sign-out the server has not heard yet). */
export interface PendingWork {
  /** Lets `promise` run in the background (a failure is logged as `what`), counted until it settles. */
  track(promise: Promise<unknown>, what: string): void;
  /** Whether some tracked work has not settled yet. */
  busy(): boolean;
  /**
   * True once every tracked work has settled, including work tracked while waiting; false if some is still
   * running after `timeoutMs` (it goes on running; nothing is cancelled).
   */
  settled(timeoutMs: number): Promise<boolean>;
}

export function createPendingWork(log: Logger): PendingWork {
  const running = new Set<Promise<void>>();

  async function allSettled(): Promise<true> {
    while (running.size > 0) await Promise.all(running);
    return true;
  }

  return {
    track(promise, what) {
      drop(promise, log, what);
      const settled: Promise<void> = promise.then(
        () => void running.delete(settled),
        () => void running.delete(settled),
      );
      running.add(settled);
    },
    busy: () => running.size > 0,
    async settled(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([allSettled(), timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

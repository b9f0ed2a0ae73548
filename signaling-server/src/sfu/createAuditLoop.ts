/**
 * One job (an audit) run again and again on request, never twice at once and never sooner than `minIntervalMs`
 * after the previous run ended: every request made while a run is going on or waiting is served by the one next
 * run. However many requests arrive, the job runs at most once per interval (plus its own duration).
 */
export interface AuditLoop {
  /** Asks for a run; resolves once a run that started after this call has ended (also when it failed). */
  request(): Promise<void>;
  /** No more runs: resolves once the current one has ended; pending requests resolve. */
  close(): Promise<void>;
}

export function createAuditLoop(
  run: () => Promise<void>,
  options: { minIntervalMs: number; onError(error: unknown): void },
): AuditLoop {
  /** Resolvers of the requests the next run serves. */
  let waiting: (() => void)[] = [];
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let closed = false;

  function schedule(): void {
    if (closed || running || timer || waiting.length === 0) return;
    const wait = Math.max(0, lastEnd + options.minIntervalMs - Date.now());
    timer = setTimeout(start, wait);
    timer.unref();
  }

  function start(): void {
    timer = undefined;
    const served = waiting;
    waiting = [];
    running = run()
      .catch(options.onError)
      .finally(() => {
        running = null;
        lastEnd = Date.now();
        for (const resolve of served) resolve();
        schedule();
      });
  }

  return {
    request() {
      if (closed) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      schedule();
      return done;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

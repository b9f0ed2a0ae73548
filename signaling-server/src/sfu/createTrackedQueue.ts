import { createSerialQueue } from '../socket/createSerialQueue.js';

/** A serial queue that can also say when everything queued so far is done. */
export interface TrackedQueue {
  run(task: () => Promise<void>): void;
  /** Resolves once every task queued before this call has finished (failed ones included). */
  idle(): Promise<void>;
}

export function createTrackedQueue(onError: (error: unknown) => void): TrackedQueue {
  const queue = createSerialQueue(onError);
  let last: Promise<void> = Promise.resolve();
  return {
    run(task) {
      last = new Promise<void>((resolve) => queue(() => task().finally(resolve)));
    },
    idle: () => last,
  };
}

/**
 * Runs async tasks one at a time, in the order given: each starts once the one before it settled, succeeded or
 * failed. `run` resolves or rejects as its own task does.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run(task: () => Promise<void>): Promise<void> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Runs tasks one after another, in the order given; a failing task does not stop the ones after it. */
export function createSerialQueue(onError: (error: unknown) => void): (task: () => Promise<void>) => void {
  let tail: Promise<void> = Promise.resolve();
  return (task) => {
    tail = tail.then(task).catch(onError);
  };
}

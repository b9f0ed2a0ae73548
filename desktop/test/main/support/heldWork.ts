/** Background work the test ends by hand (a sign-out the server has not answered yet). */
export function heldWork() {
  let finish = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { promise, finish: () => finish() };
}

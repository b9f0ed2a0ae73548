import type { FetchLike } from '@wava/protocol';

/**
 * Node's fetch to a real server, except that the answers on `path` are held until `release()` (a slow network):
 * the server has carried each request out, and its answer waits. `arrived()` counts the requests the server got,
 * `answered()` the answers handed over.
 */
export function heldAnswers(path: string) {
  let holding = true;
  let arrived = 0;
  let answered = 0;
  const waiting: Array<() => void> = [];
  const held: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    if (new URL(input).pathname !== path) return response;
    arrived += 1;
    if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
    answered += 1;
    return response;
  };
  return Object.assign(held, {
    arrived: () => arrived,
    answered: () => answered,
    release() {
      holding = false;
      waiting.splice(0).forEach((resolve) => resolve());
    },
  });
}

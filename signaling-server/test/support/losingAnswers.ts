import type { FetchLike } from '@wava/protocol';

/**
 * Node's fetch to a real server, except that the answers to the next `count` requests on `path` are lost: the
 * server carries each out and answers, and the connection drops before the answer arrives (a flaky network).
 * Shared by the server's tests of protocol's API client and the desktop main process's (authService.test).
 */
export function losingAnswers(path: string, count = 1): FetchLike & { lost(): number } {
  let lost = 0;
  const lossy = async (input: string, init: Parameters<FetchLike>[1]) => {
    const response = await fetch(input, init);
    if (new URL(input).pathname !== path || lost === count) return response;
    lost += 1;
    await response.arrayBuffer();
    throw new TypeError('fetch failed');
  };
  return Object.assign(lossy, { lost: () => lost });
}

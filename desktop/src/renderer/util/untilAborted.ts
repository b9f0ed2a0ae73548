/**
 * `work`, or undefined as soon as `signal` aborts (whichever comes first). What `work` holds is for the caller to
 * release on abort: a closed RTCPeerConnection, for one, may leave its pending promises unsettled for ever.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  let onAbort = (): void => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

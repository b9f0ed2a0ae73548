/** A deliberate fire-and-forget: the promise's failure is reported, never left unhandled. */
export function drop(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    console.error('[wava] background task failed', error);
  });
}

/**
 * The publishers a VideoRoom event of our publisher handle says are gone: one that stopped publishing
 * (`unpublished`), left (`leaving`), or was kicked (`kicked`: the Wava server frees a seat that way, and Janus
 * then sends neither of the others). A receiver that kept one would ask for its feed again, and Janus refuses an
 * update naming a feed it no longer has as a whole (428).
 */
export function publishersGone(data: Record<string, unknown>): string[] {
  // 'ok' is no publisher: Janus's word on our own handle (our unpublish; `leaving: 'ok'` when we are kicked).
  return [data.unpublished, data.leaving, data.kicked].filter(
    (id): id is string => typeof id === 'string' && id !== 'ok',
  );
}

/** A store's `subscribe`, as `useSyncExternalStore` takes it. */
export type Subscribe = (listener: () => void) => () => void;

/**
 * `subscribe`, with each listener told of changes in a task of its own (a zero-delay timer), once for all the
 * changes made in the meantime. React renders a store change synchronously, in the microtasks of the task that
 * made it: told this way, that render does not lengthen the call core's task (a PeerJS message handled, a
 * connection placed), and several changes from one task render once.
 */
export function notifyInNextTask(subscribe: Subscribe): Subscribe {
  return (listener) => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribe(() => {
      pending ??= setTimeout(() => {
        pending = null;
        listener();
      }, 0);
    });
    return () => {
      if (pending !== null) clearTimeout(pending);
      pending = null;
      unsubscribe();
    };
  };
}

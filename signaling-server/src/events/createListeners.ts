/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/** A typed event of one kind: who listens, and telling them. Listeners run in the order they were added. */
export interface Listeners<Args extends unknown[]> {
  add(listener: (...args: Args) => void): Unsubscribe;
  emit(...args: Args): void;
}

export function createListeners<Args extends unknown[]>(): Listeners<Args> {
  const listeners = new Set<(...args: Args) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...args) {
      for (const listener of [...listeners]) listener(...args);
    },
  };
}

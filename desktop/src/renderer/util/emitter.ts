export type Unsubscribe = () => void;

/**
 * A small typed event emitter over an event map (event name -> payload type). Owners keep it private and expose `on` (or `onDidX` helpers),
 * so only the owner can fire events.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch (error) {
        console.error(`[wava] listener for ${String(event)} failed`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

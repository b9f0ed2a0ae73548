import type { Unsubscribe } from '../util/emitter.js';
import { loadValidation } from '../api/loadValidation.js';
import { openSessionDatabase } from './sessionDatabase.js';

/**
 * Where the web client keeps its sign-in, shared by every tab of the browser profile. A write that has resolved
 * is what any tab reads next (IndexedDB commits through one backend; local storage does not promise that across
 * tabs, which is why it is not used), and the other tabs are told of it.
 */
export interface SharedSessionArea {
  read(): Promise<string | null>;
  /**
   * Stores `value` and tells the other tabs. When storing fails (quota) it rejects, but the other tabs are still
   * given the value itself, so none of them goes on with a refresh token that is spent.
   */
  write(value: string | null): Promise<void>;
  /** Another tab wrote; `unstored` is its value when it could not be stored (what is stored is then older). */
  onChanged(listener: (unstored?: string | null) => void): Unsubscribe;
}

export { SHARED_SESSION_LOCATION } from './sessionDatabase.js';
const CHANNEL = 'wava.auth';

/** IndexedDB for the value and a BroadcastChannel for the news; null where the browser offers neither. */
export function createSharedSessionArea(win: Window & typeof globalThis): SharedSessionArea | null {
  let factory: IDBFactory;
  try {
    factory = win.indexedDB;
    if (!factory || typeof win.BroadcastChannel !== 'function') return null;
  } catch {
    return null; // IndexedDB can be refused (some private modes, storage disabled)
  }
  const channel = new win.BroadcastChannel(CHANNEL);
  const stored = openSessionDatabase(factory);

  return {
    read: () => stored.read(),
    async write(value) {
      try {
        await stored.write(value);
      } catch (error) {
        channel.postMessage({ unstored: value });
        throw error;
      }
      channel.postMessage('changed');
    },
    onChanged(listener) {
      // The news of a write that could not be stored carries the value itself (validation.ts's unstoredSchema).
      // Checked in order of arrival (one load, then each in turn); without the schema, the tab reads what is stored.
      const onMessage = (event: MessageEvent) => {
        void loadValidation().then(
          ({ unstoredSchema }) => {
            const unstored = unstoredSchema.safeParse(event.data);
            listener(unstored.success ? unstored.data.unstored : undefined);
          },
          () => listener(undefined),
        );
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

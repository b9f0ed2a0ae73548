import type { Unsubscribe } from '../util/emitter.js';
import { loadValidation } from '../api/loadValidation.js';
import { openSessionDatabase } from './sessionDatabase.js';

/**
 * What another tab says it did: stored a new value (read it); could not store `value`, which is newer than what is
 * stored (nothing is stored then: the older value is removed, as its refresh token is spent); or something this
 * tab cannot read (its validating code did not load, or a tab of another version wrote): what this tab holds, and
 * what is stored, may then be spent.
 */
export type SessionNews = { kind: 'stored' } | { kind: 'unstored'; value: string | null } | { kind: 'unreadable' };

/**
 * Where the web client keeps its sign-in, shared by every tab of the browser profile. A write that has resolved
 * is what any tab reads next (IndexedDB commits through one backend; local storage does not promise that across
 * tabs, which is why it is not used), and the other tabs are told of it.
 */
export interface SharedSessionArea {
  /** What is stored (see SessionDatabase.read); null when nothing is. */
  read(): Promise<unknown>;
  /**
   * Stores `value` and tells the other tabs. When storing fails (quota) it rejects, but the other tabs are still
   * given the value itself, so none of them goes on with a refresh token that is spent; and the older value is
   * removed if it can be, so no tab opened or reloaded later reads that token either.
   */
  write(value: string | null): Promise<void>;
  /** Removes what is stored if it is still `unreadable` (see SessionDatabase.removeIf); the other tabs read none either. */
  removeIf(unreadable: (stored: unknown) => boolean): Promise<boolean>;
  /** What another tab wrote, in the order it wrote it. */
  onChanged(listener: (news: SessionNews) => void): Unsubscribe;
}

export { SHARED_SESSION_LOCATION } from './sessionDatabase.js';
/** The BroadcastChannel the tabs tell each other on: `'changed'`, or `{unstored}` (validation.ts's unstoredSchema). */
export const SESSION_CHANNEL = 'wava.auth';
const STORED = 'changed';

/** IndexedDB for the value and a BroadcastChannel for the news; null where the browser offers neither. */
export function createSharedSessionArea(win: Window & typeof globalThis): SharedSessionArea | null {
  let factory: IDBFactory;
  try {
    factory = win.indexedDB;
    if (!factory || typeof win.BroadcastChannel !== 'function') return null;
  } catch {
    return null; // IndexedDB can be refused (some private modes, storage disabled)
  }
  const channel = new win.BroadcastChannel(SESSION_CHANNEL);
  const stored = openSessionDatabase(factory);

  return {
    read: () => stored.read(),
    removeIf: (unreadable) => stored.removeIf(unreadable),
    async write(value) {
      try {
        await stored.write(value);
      } catch (error) {
        // The stored value is older, and its refresh token is spent: a tab that read it would present it and the
        // server would sign the person out everywhere. Removing it asks such a tab to sign in again instead.
        if (value !== null) await stored.write(null).catch(() => undefined);
        channel.postMessage({ unstored: value });
        throw error;
      }
      channel.postMessage(STORED);
    },
    onChanged(listener) {
      // The news of a write that could not be stored carries the value itself (validation.ts's unstoredSchema).
      // Checked in order of arrival (one load, then each in turn). Without the schema, only 'changed' can be read.
      const onMessage = (event: MessageEvent) => {
        const stored = event.data === STORED;
        void loadValidation().then(
          ({ unstoredSchema }) => {
            const unstored = unstoredSchema.safeParse(event.data);
            if (stored) listener({ kind: 'stored' });
            else if (unstored.success) listener({ kind: 'unstored', value: unstored.data.unstored });
            else listener({ kind: 'unreadable' });
          },
          () => listener(stored ? { kind: 'stored' } : { kind: 'unreadable' }),
        );
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

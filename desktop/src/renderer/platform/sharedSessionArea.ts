import type { Unsubscribe } from '../util/emitter.js';

/**
 * Where the web client keeps its sign-in, shared by every tab of the browser profile. A write that has resolved
 * is what any tab reads next (IndexedDB commits through one backend; local storage does not promise that across
 * tabs, which is why it is not used), and the other tabs are told of it.
 */
export interface SharedSessionArea {
  read(): Promise<string | null>;
  write(value: string | null): Promise<void>;
  /** Another tab wrote. */
  onChanged(listener: () => void): Unsubscribe;
}

/** Where the session is: IndexedDB database, object store and key (the end-to-end tests read it there too). */
export const SHARED_SESSION_LOCATION = Object.freeze({ database: 'wava', store: 'auth', key: 'session' });
const { database: DATABASE, store: STORE, key: KEY } = SHARED_SESSION_LOCATION;
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
  let opened: Promise<IDBDatabase> | null = null;
  const database = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    }));

  async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Resolved once committed, so a tab that takes the refresh lock next reads this value.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  return {
    async read() {
      const value = await transact<unknown>('readonly', (store) => store.get(KEY));
      return typeof value === 'string' ? value : null;
    },
    async write(value) {
      await transact<unknown>('readwrite', (store) => (value === null ? store.delete(KEY) : store.put(value, KEY)));
      channel.postMessage('changed');
    },
    onChanged(listener) {
      const onMessage = () => listener();
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

/** Where the session is: IndexedDB database, object store and key (the end-to-end tests read it there too). */
export const SHARED_SESSION_LOCATION = Object.freeze({ database: 'wava', store: 'auth', key: 'session' });
const { database: DATABASE, store: STORE, key: KEY } = SHARED_SESSION_LOCATION;

/** The stored session's text in IndexedDB (the database opened on first use). */
export interface SessionDatabase {
  /** The stored text, or null when none is stored. */
  read(): Promise<string | null>;
  /** Stores the text, or removes it (null); resolves once committed, so a tab that reads next sees it. */
  write(value: string | null): Promise<void>;
}

/**
 * The one place that opens the session's database (and creates its store on first use). Free of any library,
 * so the sign-in shell (signInShell/) can ask whether a session is stored before the app has loaded.
 */
export function openSessionDatabase(factory: IDBFactory): SessionDatabase {
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
    },
  };
}

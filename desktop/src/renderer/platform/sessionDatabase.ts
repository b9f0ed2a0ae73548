/** Where the session is: IndexedDB database, object store and key (the end-to-end tests read it there too). */
export const SHARED_SESSION_LOCATION = Object.freeze({ database: 'wava', store: 'auth', key: 'session' });
const { database: DATABASE, store: STORE, key: KEY } = SHARED_SESSION_LOCATION;

/** The stored session in IndexedDB (the database opened on first use). */
export interface SessionDatabase {
  /**
   * What is stored: the session's text as this version writes it, or whatever another version (or damage) left
   * there, which the reader judges; null when nothing is stored.
   */
  read(): Promise<unknown>;
  /** Stores the text, or removes it (null); resolves once committed, so a tab that reads next sees it. */
  write(value: string | null): Promise<void>;
  /**
   * Removes what is stored if `unreadable` says so of it, judged again inside the one transaction that removes
   * it: another tab may have stored a good session since this one read. True when it removed something.
   */
  removeIf(unreadable: (stored: unknown) => boolean): Promise<boolean>;
  /** Closes the connection; a later read or write opens it again. */
  close(): void;
}

/**
 * The one place that opens the session's database (and creates its store on first use). Free of any library,
 * so the sign-in shell (signInShell/) can ask whether a session is stored before the app has loaded. The
 * connection closes when another tab asks for a newer version of the database, so that upgrade is not blocked.
 */
export function openSessionDatabase(factory: IDBFactory): SessionDatabase {
  let opened: Promise<IDBDatabase> | null = null;
  const database = () => {
    if (opened) return opened;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          if (opened === opening) opened = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    });
    opened = opening;
    return opening;
  };

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
      return (await transact<unknown>('readonly', (store) => store.get(KEY))) ?? null;
    },
    async write(value) {
      await transact<unknown>('readwrite', (store) => (value === null ? store.delete(KEY) : store.put(value, KEY)));
    },
    async removeIf(unreadable) {
      let removed = false;
      await transact<unknown>('readwrite', (store) => {
        const request = store.get(KEY);
        request.onsuccess = () => {
          removed = request.result !== undefined && unreadable(request.result);
          if (removed) store.delete(KEY);
        };
        return request;
      });
      return removed;
    },
    close() {
      const closing = opened;
      opened = null;
      void closing?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
}

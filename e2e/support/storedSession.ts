import type { AuthSession } from '@wava/protocol';
import type { Page } from '@playwright/test';
import { SHARED_SESSION_LOCATION } from '../../desktop/src/renderer/platform/sharedSessionArea.js';

export { SHARED_SESSION_LOCATION };

/** The web client's sign-in as its tabs share it (IndexedDB), or null when signed out. */
export async function storedSession(page: Page): Promise<AuthSession | null> {
  const value = await storedValue(page);
  return typeof value === 'string' ? (JSON.parse(value) as AuthSession) : null;
}

/** What the web client's sign-in store holds, as stored (undefined when nothing is). */
export function storedValue(page: Page): Promise<unknown> {
  return page.evaluate(
    ({ database, store, key }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            return resolve(undefined);
          }
          const get = db.transaction(store, 'readonly').objectStore(store).get(key);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
        };
      }),
    SHARED_SESSION_LOCATION,
  );
}

/** Puts `value` where the web client keeps its sign-in, as another version of it could have left it. */
export function storeValue(page: Page, value: unknown): Promise<void> {
  return page.evaluate(
    ({ location: { database, store, key }, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database, 1);
        open.onupgradeneeded = () => open.result.createObjectStore(store);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(store, 'readwrite');
          transaction.objectStore(store).put(value, key);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { location: SHARED_SESSION_LOCATION, value },
  );
}

import type { AuthSession } from '@wava/protocol';
import type { Page } from '@playwright/test';
import { SHARED_SESSION_LOCATION } from '../../desktop/src/renderer/platform/sharedSessionArea.js';

/** The web client's sign-in as its tabs share it (IndexedDB), or null when signed out. */
export function storedSession(page: Page): Promise<AuthSession | null> {
  return page.evaluate(
    ({ database, store, key }) =>
      new Promise<AuthSession | null>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) return resolve(null);
          const get = db.transaction(store, 'readonly').objectStore(store).get(key);
          get.onerror = () => reject(get.error);
          get.onsuccess = () =>
            resolve(typeof get.result === 'string' ? (JSON.parse(get.result) as AuthSession) : null);
        };
      }),
    SHARED_SESSION_LOCATION,
  );
}

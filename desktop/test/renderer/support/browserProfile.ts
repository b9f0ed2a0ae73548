import { createApiClient } from '@wava/protocol';
import type { SessionNews } from '../../../src/renderer/platform/sharedSessionArea.js';
import { createWebAuthStore, type LockManagerLike } from '../../../src/renderer/platform/webAuthStore.js';
import { fakeAuthServer } from './fakeAuthServer.js';
import { memoryArea, type Shared, type TabListener } from './memoryArea.js';

/**
 * One browser profile with several tabs, as far as the store can tell: the area they share, the news every
 * other tab gets of a change, and Web Locks (an exclusive lock per name). jsdom has one window, no IndexedDB
 * and no Web Locks, so these small stand-ins behave as Chromium does; the end-to-end suite checks the real
 * thing (e2e/browser/signInAcrossTabs.spec.ts).
 */
export function browserProfile(server = fakeAuthServer()) {
  const shared: Shared = { value: null };
  const tabs = new Set<TabListener>();
  const held = new Map<string, Promise<unknown>>();
  let lockRequests = 0;
  const locks: LockManagerLike = {
    request(name, callback) {
      lockRequests += 1;
      const run = (held.get(name) ?? Promise.resolve()).then(callback, callback);
      held.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  function openTab({ readsNews = true } = {}) {
    const api = createApiClient('https://meet.example.com', server.fetch);
    return createWebAuthStore({ api, area: memoryArea(shared, tabs, readsNews), locks });
  }
  /** News that reaches every tab only now (the browser delivers it late). */
  const tellLate = (news: SessionNews) => {
    for (const tab of tabs) tab(news);
  };
  return { server, shared, openTab, tellLate, lockRequests: () => lockRequests };
}

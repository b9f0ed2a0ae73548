import type { AuthSession } from '@wava/protocol';
import type { SessionNews, SharedSessionArea } from '../../../src/renderer/platform/sharedSessionArea.js';

export type Shared = { value: string | null; full?: boolean; slowReads?: Promise<void> };
export type TabListener = (news: SessionNews) => void;

/**
 * One tab's view of the shared area: a value every tab reads, and news for the other tabs when it changes. A
 * `full` area refuses writes (quota), and, as the real one does, removes the older value (sharedSessionArea.test.ts
 * checks that against IndexedDB) and gives the other tabs the value instead. A tab that cannot `read` that news
 * (its validating code did not load) is told only that there was news. While `slowReads` is pending, a read
 * answers what was stored when it began, once it resolves (a read transaction that began before a write).
 */
export function memoryArea(shared: Shared = { value: null }, tabs = new Set<TabListener>(), reads = true) {
  let self: TabListener | null = null;
  const area: SharedSessionArea & { shared: Shared } = {
    shared,
    read: async () => {
      const value = shared.value;
      await shared.slowReads;
      return value;
    },
    write: async (value) => {
      const others = [...tabs].filter((tab) => tab !== self);
      if (shared.full) {
        shared.value = null;
        for (const tab of others) queueMicrotask(() => tab({ kind: 'unstored', value }));
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      shared.value = value;
      for (const tab of others) queueMicrotask(() => tab({ kind: 'stored' }));
    },
    removeIf: async (unreadable) => {
      if (shared.value === null || !unreadable(shared.value)) return false;
      shared.value = null;
      return true;
    },
    onChanged(listener) {
      const tab: TabListener = reads
        ? listener
        : (news) => listener(news.kind === 'stored' ? news : { kind: 'unreadable' });
      self = tab;
      tabs.add(tab);
      return () => tabs.delete(tab);
    },
  };
  return area;
}

/** The refresh token of the session the area holds. */
export const storedRefreshToken = (area: ReturnType<typeof memoryArea>) =>
  area.shared.value ? (JSON.parse(area.shared.value) as AuthSession).refreshToken : undefined;

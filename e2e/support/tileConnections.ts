import type { Page } from '@playwright/test';

/**
 * From now on, records every connection state the page's remote tiles show (`data-connection`), including
 * ones that last only a moment, so a test can tell what a person could have seen in between its checks.
 */
export async function recordTileConnections(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __wavaTileConnections: string[] }).__wavaTileConnections = seen;
    const selector = '[data-testid="tile"][data-self="false"]';
    const note = () => {
      document.querySelectorAll(selector).forEach((tile) => {
        const state = tile.getAttribute('data-connection');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      });
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-connection'],
    });
  });
}

/** The states recorded since `recordTileConnections`, in order (repeats collapsed). */
export function tileConnectionsSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __wavaTileConnections?: string[] }).__wavaTileConnections ?? []);
}

import type { WebContents } from 'electron';
import type { Disposable } from '../util/Disposable.js';

/** True when a navigation replaces the page (a reload or another document), not an in-page route change. */
export function replacesPage(details: { isMainFrame: boolean; isSameDocument: boolean }): boolean {
  return details.isMainFrame && !details.isSameDocument;
}

/**
 * Calls `listener` whenever the page in `contents` goes away: it navigates to another document, reloads, or its
 * renderer process dies. What the page had said (presence, a pending picker, readiness for invites) is then void.
 */
export function onPageGone(contents: WebContents, listener: () => void): Disposable {
  const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
    if (replacesPage(details)) listener();
  };
  contents.on('did-start-navigation', onNavigation);
  contents.on('render-process-gone', listener);
  return {
    dispose() {
      if (contents.isDestroyed()) return;
      contents.removeListener('did-start-navigation', onNavigation);
      contents.removeListener('render-process-gone', listener);
    },
  };
}

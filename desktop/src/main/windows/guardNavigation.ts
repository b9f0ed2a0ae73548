import type { WebContents } from 'electron';
import type { Logger } from '../util/log.js';
import { decideNavigation, decideWindowOpen, type NavigationDecision } from './navigationPolicy.js';

export interface NavigationGuardDeps {
  rendererOrigin: string;
  openExternal(url: string): void;
  log: Logger;
}

/** `will-navigate`, `will-redirect`, `will-frame-navigate` and `window.open` for one webContents. */
export function guardNavigation(contents: WebContents, deps: NavigationGuardDeps): void {
  const act = (decision: NavigationDecision, url: string, what: string): boolean => {
    switch (decision.action) {
      case 'allow':
        return true;
      case 'open-external':
        deps.openExternal(decision.url);
        return false;
      case 'deny':
        deps.log.warn(`${what} denied`, { url: url.slice(0, 200) });
        return false;
    }
  };
  contents.on('will-navigate', (event) => {
    if (!act(decideNavigation(event.url, deps.rendererOrigin), event.url, 'navigation')) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by will-navigate
    event.preventDefault();
    deps.log.warn('subframe navigation denied', { url: event.url.slice(0, 200) });
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame) return;
    if (decideNavigation(event.url, deps.rendererOrigin).action !== 'allow') {
      event.preventDefault();
      deps.log.warn('redirect denied', { url: event.url.slice(0, 200) });
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    act(decideWindowOpen(url), url, 'window.open');
    return { action: 'deny' };
  });
}

import { externalHttpsUrl } from '../urls/externalHttpsUrl.js';
import { externalWebUrl } from '../urls/externalWebUrl.js';
import { hasOrigin } from '../urls/origins.js';

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny' }
  /** Deny in the app, and open this (parsed, web-only) URL in the person's browser instead. */
  | { action: 'open-external'; url: string };

/** `will-navigate` / `will-redirect`: stay on our renderer's origin; https links go to the browser; the rest is denied. */
export function decideNavigation(targetUrl: string, rendererOrigin: string): NavigationDecision {
  if (hasOrigin(targetUrl, rendererOrigin)) return { action: 'allow' };
  const external = externalHttpsUrl(targetUrl);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

/**
 * `setWindowOpenHandler`: Wava never opens windows for web content; web links people click (chat links open in a
 * new window, `target="_blank"`) go to the browser, http as well as https, as in any chat app.
 */
export function decideWindowOpen(targetUrl: string): NavigationDecision {
  const external = externalWebUrl(targetUrl, ['https:', 'http:']);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

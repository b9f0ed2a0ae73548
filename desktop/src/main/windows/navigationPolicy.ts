import { externalHttpsUrl } from '../urls/externalHttpsUrl.js';
import { hasOrigin } from '../urls/origins.js';

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny' }
  /** Deny in the app, and open this (parsed, https-only) URL in the person's browser instead. */
  | { action: 'open-external'; url: string };

/** `will-navigate` / `will-redirect`: stay on our renderer's origin; https links go to the browser; the rest is denied. */
export function decideNavigation(targetUrl: string, rendererOrigin: string): NavigationDecision {
  if (hasOrigin(targetUrl, rendererOrigin)) return { action: 'allow' };
  const external = externalHttpsUrl(targetUrl);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

/** `setWindowOpenHandler`: Wava never opens windows for web content; https links go to the browser. */
export function decideWindowOpen(targetUrl: string): NavigationDecision {
  const external = externalHttpsUrl(targetUrl);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

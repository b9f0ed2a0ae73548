import { hasOrigin } from '../security/origins.js';

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny' }
  /** Deny in the app, and open this (parsed, https-only) URL in the person's browser instead. */
  | { action: 'open-external'; url: string };

/**
 * An https URL safe to hand to the OS browser, or null. No other scheme (file:, javascript:, smb:, custom
 * protocols that launch programs), no credentials in the URL, nothing absurdly long.
 */
export function externalHttpsUrl(candidate: string): string | null {
  if (candidate.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return null;
  return url.toString();
}

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

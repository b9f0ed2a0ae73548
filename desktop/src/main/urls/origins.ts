/**
 * Origins compared as strings, computed the way Chromium does for the schemes Wava uses.
 * Node's URL gives custom schemes an opaque origin ("null"), so `app:` is handled here explicitly.
 */

/** The privileged scheme that serves the bundled renderer: `app://wava/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wava';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The origin of `url`, or null when it has none we would ever trust (file:, data:, javascript:, about:, blob:...). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // Chromium lower-cases hosts of standard schemes; Node does not for custom ones. Refuse anything unusual.
    if (!parsed.host || parsed.host !== parsed.host.toLowerCase()) return null;
    return `${APP_SCHEME}://${parsed.host}`;
  }
  return null;
}

/** True only when `url` parses and has exactly `origin` (no prefix or suffix games: `app://wava.evil` is not ours). */
export function hasOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

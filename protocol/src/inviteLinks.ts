import { LIMITS } from './limits.js';

/** The custom protocol registered by the desktop app: `wava://join/abc-defg-hij`. */
export const WAVA_PROTOCOL = 'wava';

/** The web path of an invite: `https://server/j/abc-defg-hij`. */
export const INVITE_PATH_PREFIX = '/j/';

export function buildInviteUrl(publicBaseUrl: string, code: string): string {
  return new URL(`${INVITE_PATH_PREFIX}${code}`, publicBaseUrl).toString();
}

/** Normalises a meeting code typed by a person: case, spaces, missing dashes. Null if it cannot be one. */
export function normaliseMeetingCode(input: string): string | null {
  const letters = input.toLowerCase().replace(/[\s-]/g, '');
  if (!/^[a-z]{10}$/.test(letters)) return null;
  const code = `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7)}`;
  return LIMITS.meetingCodePattern.test(code) ? code : null;
}

export interface ParsedInvite {
  code: string;
  /** The server origin the link points at, when the link names one (https links do; wava:// links may). */
  serverOrigin: string | null;
}

/**
 * Reads what a person pasted or what the OS handed the app: a bare code, an https invite link,
 * or a wava:// link (`wava://join/CODE` or `wava://join/CODE?server=https://host`). Anything else is null.
 */
export function parseInvite(input: string): ParsedInvite | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  const bare = normaliseMeetingCode(trimmed);
  if (bare) return { code: bare, serverOrigin: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === `${WAVA_PROTOCOL}:`) {
    // wava://join/CODE parses with host "join" and pathname "/CODE".
    if (url.hostname !== 'join') return null;
    const code = normaliseMeetingCode(decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')));
    if (!code) return null;
    const server = url.searchParams.get('server');
    if (server === null) return { code, serverOrigin: null };
    const origin = httpsOrigin(server);
    return origin ? { code, serverOrigin: origin } : null;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    if (!url.pathname.startsWith(INVITE_PATH_PREFIX)) return null;
    const code = normaliseMeetingCode(
      decodeURIComponent(url.pathname.slice(INVITE_PATH_PREFIX.length).replace(/\/+$/, '')),
    );
    return code ? { code, serverOrigin: url.origin } : null;
  }
  return null;
}

function httpsOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

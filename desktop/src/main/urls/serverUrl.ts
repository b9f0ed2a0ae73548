/**
 * A Wava server address, normalised to its origin (`https://meet.example.com`), or null when it cannot be one.
 * A missing scheme means https. No credentials, path, query or fragment, so the address is exactly what the CSP's
 * connect-src compares against. Plain http only for a server on this computer: the app's page is a secure context,
 * which may not load from http elsewhere (mixed content), and sign-in tokens must not cross a network unencrypted.
 */
export function normaliseServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
  if (!url.hostname || url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return url.origin;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The address used when nothing else chooses one: a server on this computer, as `npm start` runs it. */
export const DEFAULT_SERVER_URL = 'http://localhost:8080';

/**
 * A Wava server address, normalised to its origin (`https://meet.example.com`), or null when it cannot be one.
 * A missing scheme means https. Only http and https; no credentials, path, query or fragment, so the address is
 * exactly what the CSP's connect-src and the permission checks compare against.
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
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return url.origin;
}

/** The address used when nothing else chooses one: a server on this computer, as `npm start` runs it. */
export const DEFAULT_SERVER_URL = 'http://localhost:8080';

export type WebScheme = 'https:' | 'http:';

/**
 * A web URL with one of `schemes`, safe to hand to the OS browser, or null. No other scheme (file:, javascript:,
 * smb:, custom protocols that launch programs), no credentials in the URL, nothing absurdly long. Returns the
 * parsed URL, never the raw string.
 */
export function externalWebUrl(candidate: string, schemes: readonly WebScheme[]): string | null {
  if (candidate.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!(schemes as readonly string[]).includes(url.protocol)) return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.toString();
}

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

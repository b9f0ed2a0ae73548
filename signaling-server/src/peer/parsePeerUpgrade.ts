/** The PeerJS websocket's query: `?key=&id=&token=` (the PeerJS client adds `&version=`). */
export interface PeerUpgradeParams {
  key: string;
  id: string;
  token: string;
}

const MAX_URL_CHARS = 2_048;
const MAX_VALUE_CHARS: Record<string, number> = { key: 64, id: 64, token: 600, version: 32 };
const REQUIRED = ['key', 'id', 'token'] as const;

/**
 * Reads the PeerJS upgrade's query strictly: `key`, `id` and `token` exactly once each and non-empty,
 * `version` at most once, nothing else, every value within its length. Anything else is null, so no
 * later reader can see a different value than the one we verified.
 */
export function parsePeerUpgrade(url: URL, rawUrl: string): PeerUpgradeParams | null {
  if (rawUrl.length > MAX_URL_CHARS) return null;
  const seen = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    const max = MAX_VALUE_CHARS[name];
    if (max === undefined || seen.has(name) || value.length > max) return null;
    seen.set(name, value);
  }
  for (const name of REQUIRED) if (!seen.get(name)) return null;
  return { key: seen.get('key')!, id: seen.get('id')!, token: seen.get('token')! };
}

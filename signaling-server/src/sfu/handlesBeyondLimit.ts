import type { ClientHandle } from './listClientHandles.js';

/**
 * Handles one participant (one SFU token) may hold on a Janus instance at a public address: a publisher (camera,
 * microphone and screen), a subscriber, a separate screen publisher for clients that publish it apart, and one
 * spare for a reconnection whose new session is up before Janus ended the old one. The Wava client uses two.
 */
export const SFU_HANDLES_PER_TOKEN = 4;

/**
 * The handles beyond `limit` for each token: those a participant opened on top of what a client needs. Kept
 * first: handles in a room (publishers, then subscribers), then those that joined nothing yet; within each, the
 * lowest session and handle ids, so the same ones are kept from one audit to the next. Handles without a token
 * (the Wava servers' own) are never counted.
 */
export function handlesBeyondLimit(handles: readonly ClientHandle[], limit: number): ClientHandle[] {
  const byToken = new Map<string, ClientHandle[]>();
  for (const handle of handles) {
    if (handle.token === null) continue;
    const list = byToken.get(handle.token) ?? [];
    list.push(handle);
    byToken.set(handle.token, list);
  }
  const beyond: ClientHandle[] = [];
  for (const list of byToken.values()) {
    if (list.length <= limit) continue;
    list.sort((a, b) => rank(a) - rank(b) || a.sessionId - b.sessionId || a.handleId - b.handleId);
    beyond.push(...list.slice(limit));
  }
  return beyond;
}

function rank(handle: ClientHandle): number {
  if (handle.room === null) return 2;
  return handle.type === 'publisher' ? 0 : 1;
}

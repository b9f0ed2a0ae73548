const RELAYED_TYPES = new Set(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE']);

export type PeerMessageVerdict = 'ok' | 'malformed' | 'foreign-meeting';

/**
 * Decides whether a message a PeerJS client sent may reach the PeerJS server: heartbeats, and signalling
 * addressed to a peer id of the sender's own meeting (same meeting tag). Everything else is dropped.
 */
export function inspectPeerMessage(
  data: unknown,
  isBinary: boolean,
  senderTag: string,
  tagOf: (peerId: string) => string | null,
): PeerMessageVerdict {
  if (isBinary) return 'malformed';
  let message: unknown;
  try {
    message = JSON.parse(String(data));
  } catch {
    return 'malformed';
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
  const { type, dst } = message as { type?: unknown; dst?: unknown };
  if (type === 'HEARTBEAT') return 'ok';
  if (typeof type !== 'string' || !RELAYED_TYPES.has(type)) return 'malformed';
  if (typeof dst !== 'string') return 'malformed';
  return tagOf(dst) === senderTag ? 'ok' : 'foreign-meeting';
}

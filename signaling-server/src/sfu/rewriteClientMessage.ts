import { JANUS_VIDEOROOM_PLUGIN } from '@wava/protocol';

/** Janus requests a client may send through the `/sfu` proxy. */
const CLIENT_REQUESTS = new Set([
  'create',
  'attach',
  'message',
  'trickle',
  'keepalive',
  'detach',
  'hangup',
  'destroy',
  'info',
  'ping',
]);

/**
 * One message from a client to Janus, as the proxy forwards it: a JSON object with a known `janus` request and
 * a transaction; the seat's token set on the request (and in a VideoRoom join); a publisher join always uses
 * the seat's own publisher id, so nobody publishes as someone else; a VideoRoom request naming a room names the
 * seat's meeting's room (no look at other rooms' participants); no `record`/`filename` (recording); `apisecret`/`admin_secret`/`admin_key` removed. Null: not forwarded (the proxy closes the connection).
 */
export function rewriteClientMessage(
  text: string,
  seat: { token: string; publisherId: string; room: string },
): string | null {
  return rewriteClientRequest(text, seat)?.text ?? null;
}

/** rewriteClientMessage, also saying which Janus request it is (the proxy counts sessions and handles). */
export function rewriteClientRequest(
  text: string,
  seat: { token: string; publisherId: string; room: string },
): { janus: string; text: string } | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(message) || typeof message.janus !== 'string' || !CLIENT_REQUESTS.has(message.janus)) return null;
  if (typeof message.transaction !== 'string' || message.transaction.length > 128) return null;
  if (message.janus === 'attach' && message.plugin !== JANUS_VIDEOROOM_PLUGIN) return null;
  const { apisecret: _api, admin_secret: _admin, ...rest } = message;
  const out: Record<string, unknown> = { ...rest, token: seat.token };
  if (message.janus === 'message') {
    if (!isObject(message.body)) return null;
    const { admin_key: _key, ...body } = message.body;
    if ('room' in body && body.room !== seat.room) return null;
    // Recording writes files on the SFU's host: never a client's request (the rooms lock it too).
    if ('record' in body || 'filename' in body) return null;
    if (body.request === 'join' || body.request === 'joinandconfigure') {
      body.token = seat.token;
      if (body.ptype === 'publisher') body.id = seat.publisherId;
    }
    out.body = body;
  }
  return { janus: message.janus, text: JSON.stringify(out) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

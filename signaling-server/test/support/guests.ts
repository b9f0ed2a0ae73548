import { GUEST_ROUTES, type GuestSession } from '@wava/protocol';
import { postRaw } from './http.js';
import { connectSocket, type ClientSocket } from './sockets.js';

/** `X-Forwarded-For: from` (for servers that trust the loopback proxy), or nothing. */
function forwardedFor(from: string | undefined): Record<string, string> {
  return from === undefined ? {} : { 'x-forwarded-for': from };
}

/** POST a guest session for `code`, as if from `from`; the raw answer (status and body). */
export function postGuestSession(url: string, code: string, displayName: string, from?: string) {
  return postRaw(`${url}${GUEST_ROUTES.guestSession(code)}`, JSON.stringify({ displayName }), {
    'content-type': 'application/json',
    ...forwardedFor(from),
  });
}

/** A socket.io connection with `token`, as if from `from` (closed by closeAllSockets). */
export function connectFrom(url: string, token: string, from?: string): Promise<ClientSocket> {
  return connectSocket(url, token, ['websocket'], forwardedFor(from));
}

/** A guest of `code`: their session, and their connection from `from`. */
export async function connectGuest(
  url: string,
  code: string,
  displayName: string,
  from?: string,
): Promise<{ session: GuestSession; socket: ClientSocket }> {
  const raw = await postGuestSession(url, code, displayName, from);
  if (raw.status !== 201) throw new Error(`guest session refused: ${JSON.stringify(raw.json)}`);
  const session = raw.json as GuestSession;
  return { session, socket: await connectFrom(url, session.accessToken, from) };
}

import type { MeetingMode, SfuMode } from '@wava/protocol';
import {
  JANUS_ADMIN_PROTOCOL,
  JANUS_PROTOCOL,
  openJanusSocket,
  type JanusSocket,
} from '../../src/sfu/openJanusSocket.js';
import type { ClientSocket } from '../support/sockets.js';

const VIDEOROOM = 'janus.plugin.videoroom';

/** The API secret of the Janus instances the SFU tests start (and of the Wava server in front of them). */
export const SFU_SECRET = 'sfu-test-secret-of-at-least-32-characters';

/** Every `meeting:mode` a socket got, and a wait for the next one that matches. */
export interface ModeLog {
  all: MeetingMode[];
  last(): MeetingMode | undefined;
  next(predicate: (mode: MeetingMode) => boolean, timeoutMs?: number): Promise<MeetingMode>;
}

export function logModes(socket: ClientSocket): ModeLog {
  const all: MeetingMode[] = [];
  const waiters: { predicate: (mode: MeetingMode) => boolean; resolve: (mode: MeetingMode) => void }[] = [];
  (socket as unknown as { on(event: string, listener: (mode: MeetingMode) => void): void }).on(
    'meeting:mode',
    (mode) => {
      all.push(mode);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(mode)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(mode);
        }
      }
    },
  );
  return {
    all,
    last: () => all.at(-1),
    next(predicate, timeoutMs = 10_000) {
      const seen = all.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching meeting:mode within ${timeoutMs} ms; got ${JSON.stringify(all)}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (mode) => {
            clearTimeout(timer);
            resolve(mode);
          },
        });
      });
    },
  };
}

export const isSfu = (mode: MeetingMode): mode is SfuMode => mode.mode === 'sfu';

/** The `/sfu` URL of a mode, on the test server's real address (the mode's host is WAVA_PUBLIC_URL's). */
export function proxyUrl(serverUrl: string, mode: SfuMode): string {
  const url = new URL(mode.url);
  return `${serverUrl.replace(/^http/, 'ws')}${url.pathname}${url.search}`;
}

/** A Janus client as a participant's would be: a session and a VideoRoom handle with `token`. */
export async function videoRoomHandle(
  url: string,
  token: string | undefined,
): Promise<{ janus: JanusSocket; send(body: Record<string, unknown>): Promise<Record<string, unknown>> }> {
  const janus = await openJanusSocket(url, JANUS_PROTOCOL);
  const auth = token === undefined ? {} : { token };
  try {
    const session = await janus.request({ janus: 'create', ...auth });
    const sessionId = session.data?.id;
    const handle = await janus.request({ janus: 'attach', session_id: sessionId, plugin: VIDEOROOM, ...auth });
    return {
      janus,
      async send(body) {
        const asynchronous = body.request === 'join';
        const answer = await janus.request(
          { janus: 'message', session_id: sessionId, handle_id: handle.data?.id, body, ...auth },
          { awaitEvent: asynchronous },
        );
        return answer.plugindata?.data ?? {};
      },
    };
  } catch (error) {
    janus.close();
    throw error;
  }
}

/** Joins `room` as a publisher (no media): resolves with Janus's `joined` data, or rejects with its error. */
export async function joinAsPublisher(
  url: string,
  token: string | undefined,
  room: string,
  id: string,
): Promise<{ janus: JanusSocket; joined: Record<string, unknown> }> {
  const { janus, send } = await videoRoomHandle(url, token);
  try {
    const joined = await send({ request: 'join', ptype: 'publisher', room, id, token });
    return { janus, joined };
  } catch (error) {
    janus.close();
    throw error;
  }
}

/** One VideoRoom request on a session of its own, with the API secret (as the Wava server asks): its answer's data. */
export async function videoRoomRequest(
  url: string,
  secret: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const socket = await openJanusSocket(url, JANUS_PROTOCOL);
  try {
    const auth = { apisecret: secret };
    const session = await socket.request({ janus: 'create', ...auth });
    const handle = await socket.request({ janus: 'attach', session_id: session.data?.id, plugin: VIDEOROOM, ...auth });
    const answer = await socket.request({
      janus: 'message',
      session_id: session.data?.id,
      handle_id: handle.data?.id,
      body,
      ...auth,
    });
    return answer.plugindata?.data ?? {};
  } finally {
    socket.close();
  }
}

/** Every VideoRoom room Janus has (`list` with the admin key, private ones included). */
export async function janusRooms(url: string, secret: string): Promise<string[]> {
  const data = await videoRoomRequest(url, secret, { request: 'list', admin_key: secret });
  return ((data.list ?? []) as { room?: unknown }[]).flatMap(({ room }) => (typeof room === 'string' ? [room] : []));
}

/** Every token the Janus instance at `adminUrl` takes (admin `list_tokens`). */
export async function janusTokens(adminUrl: string, secret: string): Promise<string[]> {
  const admin = await openJanusSocket(adminUrl, JANUS_ADMIN_PROTOCOL);
  try {
    const listed = await admin.request({ janus: 'list_tokens', admin_secret: secret });
    return ((listed.data?.tokens ?? []) as { token?: unknown }[]).flatMap(({ token }) =>
      typeof token === 'string' ? [token] : [],
    );
  } finally {
    admin.close();
  }
}

/**
 * The handles attached with `token` on the Janus instance behind `admin` (its admin API), with their session and
 * the room each joined: every session and handle listed, one admin request each. Sessions and handles ended
 * meanwhile are passed over.
 */
export async function handlesWithToken(
  admin: JanusSocket,
  secret: string,
  token: string,
): Promise<{ sessionId: number; room: string | null }[]> {
  const found: { sessionId: number; room: string | null }[] = [];
  const sessions = (await admin.request({ janus: 'list_sessions', admin_secret: secret })).sessions as number[];
  for (const sessionId of sessions) {
    const handles = await admin
      .request({ janus: 'list_handles', session_id: sessionId, admin_secret: secret })
      .catch(() => ({ handles: [] }));
    for (const handleId of handles.handles as number[]) {
      const answer = await admin
        .request({ janus: 'handle_info', session_id: sessionId, handle_id: handleId, admin_secret: secret })
        .catch(() => null);
      const info = answer?.info as { token?: string; plugin_specific?: { room?: string } } | undefined;
      if (info?.token === token) found.push({ sessionId, room: info.plugin_specific?.room ?? null });
    }
  }
  return found;
}

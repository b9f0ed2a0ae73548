import { randomBytes } from 'node:crypto';
import type { JanusSocket } from './openJanusSocket.js';

const VIDEOROOM = 'janus.plugin.videoroom';

/** The server's own participant in a room: it hears of publishers' streams until closed. */
export interface RoomWatch {
  /** Leaves the room and detaches (best effort: a destroyed room or a closed connection has done it already). */
  close(): Promise<void>;
}

/**
 * Joins `room` on a new handle of the server's Janus session as a participant that publishes nothing (Janus:
 * "it can be used even just as a way to get notifications in a room") under a random id `wava-server-...`, with a
 * one-off token added to the room's allowed list. `onPublishers` gets the `publishers` list of the `joined`
 * answer (everyone publishing now) and of every later event (a publisher that starts publishing or renegotiates,
 * e.g. adds a screen share, is listed again with all its streams and their `moderated` flags).
 */
export async function watchRoom(deps: {
  api: JanusSocket;
  sessionId: number;
  apisecret: string;
  roomSecret: string;
  room: string;
  onPublishers(publishers: unknown): void;
  /** A participant joined the room (VideoRoom's `joining` event: the room notifies joins), with its id. */
  onJoining?(id: string): void;
}): Promise<RoomWatch> {
  const { api, sessionId, apisecret, room } = deps;
  const attached = await api.request({ janus: 'attach', session_id: sessionId, plugin: VIDEOROOM, apisecret });
  const handleId = Number(attached.data?.id);
  const token = randomBytes(24).toString('base64url');
  const id = `wava-server-${randomBytes(9).toString('base64url')}`;
  const message = (body: Record<string, unknown>, awaitEvent = false) =>
    api.request({ janus: 'message', session_id: sessionId, handle_id: handleId, body, apisecret }, { awaitEvent });
  const acl = (action: 'add' | 'remove') =>
    message({ request: 'allowed', room, secret: deps.roomSecret, action, allowed: [token] });
  const off = api.onEvent((event) => {
    const data = event.sender === handleId ? event.plugindata?.data : undefined;
    if (data && 'publishers' in data) deps.onPublishers(data.publishers);
    const joining = data?.joining;
    if (typeof joining === 'object' && joining !== null && 'id' in joining && typeof joining.id === 'string') {
      deps.onJoining?.(joining.id);
    }
  });
  const close = async () => {
    off();
    if (api.closed) return;
    await message({ request: 'leave' }).catch(() => undefined);
    await acl('remove').catch(() => undefined);
    await api
      .request({ janus: 'detach', session_id: sessionId, handle_id: handleId, apisecret })
      .catch(() => undefined);
  };
  try {
    await acl('add');
    const joined = await message(
      { request: 'join', ptype: 'publisher', room, id, display: 'wava-server', token },
      true,
    );
    deps.onPublishers(joined.plugindata?.data.publishers);
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}

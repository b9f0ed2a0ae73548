import type { JanusMessage } from './openJanusSocket.js';

/** One handle in a Janus instance, as its admin API describes it (`handle_info`). */
export interface ClientHandle {
  sessionId: number;
  handleId: number;
  /** The token the handle was attached with; null for the Wava server's own (it attaches with the API secret). */
  token: string | null;
  /** Its VideoRoom participant, once it joined a room: publisher (with its id) or subscriber. */
  room: string | null;
  type: 'publisher' | 'subscriber' | null;
  participantId: string | null;
}

/**
 * Every handle of every session on one Janus instance (admin API: `list_sessions`, `list_handles`,
 * `handle_info`), with the token it was attached with and the VideoRoom participant it is. A session or handle
 * that ends while it is being listed is left out. Costs one admin request per session and one per handle.
 */
export async function listClientHandles(
  admin: (message: Record<string, unknown>) => Promise<JanusMessage>,
): Promise<ClientHandle[]> {
  const sessions = numbers((await admin({ janus: 'list_sessions' })).sessions);
  const perSession = await Promise.all(
    sessions.map(async (sessionId) => {
      const listed = await admin({ janus: 'list_handles', session_id: sessionId }).catch(() => null);
      const handles = numbers(listed?.handles);
      const infos = await Promise.all(
        handles.map((handleId) =>
          admin({ janus: 'handle_info', session_id: sessionId, handle_id: handleId }).then(
            (answer) => describe(sessionId, handleId, answer.info),
            () => null,
          ),
        ),
      );
      return infos.filter((info): info is ClientHandle => info !== null);
    }),
  );
  return perSession.flat();
}

function describe(sessionId: number, handleId: number, info: unknown): ClientHandle | null {
  if (!isObject(info)) return null;
  const plugin = isObject(info.plugin_specific) ? info.plugin_specific : {};
  const type = plugin.type === 'publisher' || plugin.type === 'subscriber' ? plugin.type : null;
  return {
    sessionId,
    handleId,
    token: typeof info.token === 'string' ? info.token : null,
    room: typeof plugin.room === 'string' ? plugin.room : null,
    type,
    participantId: type === 'publisher' && typeof plugin.id === 'string' ? plugin.id : null,
  };
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import pLimit from 'p-limit';
import type { JanusMessage } from './openJanusSocket.js';

/** Admin requests one listing has in flight at most: a Janus with thousands of handles is asked a few at a time. */
export const ADMIN_REQUESTS_IN_FLIGHT = 4;

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

/** What one Janus instance holds: every handle, and the sessions that hold none. */
export interface ClientListing {
  handles: ClientHandle[];
  /** Sessions with no handle at all (a client attaches one right after creating its session). */
  emptySessions: number[];
}

/**
 * Every handle of every session on one Janus instance (admin API: `list_sessions`, `list_handles`,
 * `handle_info`), with the token it was attached with and the VideoRoom participant it is. A session or handle
 * that ends while it is being listed is left out. Costs one admin request per session and one per handle, at most
 * ADMIN_REQUESTS_IN_FLIGHT at a time.
 */
export async function listClientHandles(
  adminRequest: (message: Record<string, unknown>) => Promise<JanusMessage>,
): Promise<ClientListing> {
  const limit = pLimit(ADMIN_REQUESTS_IN_FLIGHT);
  const admin = (message: Record<string, unknown>) => limit(() => adminRequest(message));
  const sessions = numbers((await admin({ janus: 'list_sessions' })).sessions);
  const emptySessions: number[] = [];
  const perSession = await Promise.all(
    sessions.map(async (sessionId) => {
      const listed = await admin({ janus: 'list_handles', session_id: sessionId }).catch(() => null);
      const handles = numbers(listed?.handles);
      if (listed && handles.length === 0) emptySessions.push(sessionId);
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
  return { handles: perSession.flat(), emptySessions };
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

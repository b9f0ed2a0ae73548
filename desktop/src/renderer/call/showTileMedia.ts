import type { ConnectionState } from './callState.js';
import type { CallStore } from './callStore.js';
import type { StreamKind } from './streamKind.js';

/**
 * A person's tile shows the media of one carrier (the mesh's call, or the SFU session): its camera and screen
 * streams as `stream` gives them, and its connection, without a failure.
 */
export function showTileMedia(
  store: Pick<CallStore, 'dispatch'>,
  peerId: string,
  stream: (kind: StreamKind) => MediaStream | null,
  connection: ConnectionState,
): void {
  for (const kind of ['camera', 'screen'] as const)
    store.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream(kind)?.id ?? null });
  store.dispatch({ type: 'connection-changed', peerId, connection, mediaFailure: null });
}

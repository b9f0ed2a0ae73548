import { describe, expect, it } from 'vitest';
import { showTileMedia } from '../../src/renderer/call/showTileMedia.js';
import type { StreamKind } from '../../src/renderer/call/streamKind.js';
import { FakeMediaStream, storeWithAdaBobAndCem } from './support/meetingDoubles.js';

describe('showTileMedia: a tile shows what one carrier (the mesh or the SFU) brings', () => {
  it("takes the carrier's streams and connection, and drops a failure and a screen the carrier does not have", () => {
    const store = storeWithAdaBobAndCem({ audio: true, video: true, screen: false });
    store.dispatch({
      type: 'connection-changed',
      peerId: 'b-peer',
      connection: 'failed',
      mediaFailure: 'relay-refused',
    });
    store.dispatch({ type: 'stream-changed', peerId: 'b-peer', kind: 'screen', streamId: 'old-screen' });
    const camera = new FakeMediaStream() as unknown as MediaStream;
    const carried = new Map<StreamKind, MediaStream>([['camera', camera]]);

    showTileMedia(store, 'b-peer', (kind) => carried.get(kind) ?? null, 'connected');

    const bob = store.state.remotes.find((tile) => tile.peerId === 'b-peer');
    expect(bob).toMatchObject({
      connection: 'connected',
      mediaFailure: null,
      cameraStreamId: camera.id,
      screenStreamId: null,
    });
    // Nobody else's tile changes.
    expect(store.state.remotes.find((tile) => tile.peerId === 'c-peer')).toMatchObject({ cameraStreamId: null });
  });
});

import { describe, expect, it } from 'vitest';
import { RemoteStreams } from '../../src/renderer/call/remoteStreams.js';

/** jsdom has no MediaStream; the store only reads `id`. */
const stream = (id: string) => ({ id }) as MediaStream;

describe('RemoteStreams', () => {
  it('keeps one stream per participant and kind: the per-track repeat is not news', () => {
    const streams = new RemoteStreams();
    const camera = stream('s1');
    // PeerJS fires `stream` once for the audio track and once for the video track, with the same stream.
    expect(streams.add('p1', 'camera', camera)).toBe(true);
    expect(streams.add('p1', 'camera', camera)).toBe(false);
    expect(streams.add('p1', 'camera', stream('s1'))).toBe(false);
    expect(streams.get('p1', 'camera')).toBe(camera);
  });

  it('a new call brings a new stream, which replaces the old one', () => {
    const streams = new RemoteStreams();
    streams.add('p1', 'camera', stream('old'));
    const fresh = stream('new');
    expect(streams.add('p1', 'camera', fresh)).toBe(true);
    expect(streams.get('p1', 'camera')).toBe(fresh);
  });

  it('camera and screen of one participant, and different participants, are separate', () => {
    const streams = new RemoteStreams();
    expect(streams.add('p1', 'camera', stream('a'))).toBe(true);
    expect(streams.add('p1', 'screen', stream('a'))).toBe(true);
    expect(streams.add('p2', 'camera', stream('a'))).toBe(true);
    expect(streams.get('p2', 'screen')).toBeNull();
  });

  it('removes one kind or everything of a participant, and says whether anything was there', () => {
    const streams = new RemoteStreams();
    streams.add('p1', 'camera', stream('c'));
    streams.add('p1', 'screen', stream('s'));
    expect(streams.remove('p1', 'screen')).toBe(true);
    expect(streams.remove('p1', 'screen')).toBe(false);
    expect(streams.get('p1', 'camera')?.id).toBe('c');
    expect(streams.remove('p1')).toBe(true);
    expect(streams.remove('p1')).toBe(false);
    expect(streams.get('p1', 'camera')).toBeNull();
  });
});

import type { StreamKind } from './streamKind.js';

/**
 * The remote MediaStreams per participant and kind. PeerJS fires `stream` once per track, each time
 * with the same MediaStream: `add` answers whether anything changed, so the duplicate is dropped.
 */
export class RemoteStreams {
  private readonly streams = new Map<string, MediaStream>();

  /** True when this stream is new for (peerId, kind); false for a repeat of the one already held. */
  add(peerId: string, kind: StreamKind, stream: MediaStream): boolean {
    const key = keyOf(peerId, kind);
    if (this.streams.get(key)?.id === stream.id) return false;
    this.streams.set(key, stream);
    return true;
  }

  get(peerId: string, kind: StreamKind): MediaStream | null {
    return this.streams.get(keyOf(peerId, kind)) ?? null;
  }

  /** Forgets one kind, or both when kind is omitted. True when something was held. */
  remove(peerId: string, kind?: StreamKind): boolean {
    if (kind) return this.streams.delete(keyOf(peerId, kind));
    const camera = this.streams.delete(keyOf(peerId, 'camera'));
    const screen = this.streams.delete(keyOf(peerId, 'screen'));
    return camera || screen;
  }

  clear(): void {
    this.streams.clear();
  }
}

function keyOf(peerId: string, kind: StreamKind): string {
  return `${kind}\u0000${peerId}`;
}

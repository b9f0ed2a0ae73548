import { Emitter, type Unsubscribe } from '../util/emitter.js';

/**
 * Who the SFU says is talking now: Janus's VideoRoom `talking` / `stopped-talking` events (decided on the SFU from
 * the audio level every sender puts in its packets, with the room's thresholds). An immutable snapshot for React
 * (`useSyncExternalStore`), replaced on each change.
 */
export class TalkingPeers {
  private readonly events = new Emitter<{ change: ReadonlySet<string> }>();
  private snapshot: ReadonlySet<string> = new Set();

  readonly subscribe = (listener: () => void): Unsubscribe => this.events.on('change', listener);
  readonly getSnapshot = (): ReadonlySet<string> => this.snapshot;

  set(peerId: string, talking: boolean): void {
    if (this.snapshot.has(peerId) === talking) return;
    const next = new Set(this.snapshot);
    if (talking) next.add(peerId);
    else next.delete(peerId);
    this.change(next);
  }

  /** Nobody talks (the SFU session ended: its events stopped). */
  clear(): void {
    if (this.snapshot.size > 0) this.change(new Set());
  }

  private change(next: ReadonlySet<string>): void {
    this.snapshot = next;
    this.events.emit('change', next);
  }
}

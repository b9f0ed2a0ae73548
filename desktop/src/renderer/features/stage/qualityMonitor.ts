import { Emitter, type Unsubscribe } from '../../util/emitter.js';
import {
  classifyQuality,
  sameQuality,
  sampleOf,
  type ConnectionQuality,
  type StatsSample,
} from './connectionQuality.js';

/** One remote person whose connection is measured, and whether their camera is on (frame rate counts then). */
export interface Measured {
  peerId: string;
  cameraOn: boolean;
}

/** A call's statistics as `RTCPeerConnection.getStats()` gives them. */
export type StatsSource = (peerId: string) => Promise<{ values(): Iterable<Record<string, unknown>> } | null>;

/**
 * The connection quality of each remote person, measured by `poll` (its owner calls it every two seconds) from the
 * statistics of our call with them.
 */
export class QualityMonitor {
  private readonly events = new Emitter<{ change: ReadonlyMap<string, ConnectionQuality> }>();
  private readonly samples = new Map<string, StatsSample>();
  private people: readonly Measured[] = [];
  private snapshot: ReadonlyMap<string, ConnectionQuality> = new Map();

  constructor(private readonly stats: StatsSource) {}

  readonly subscribe = (listener: () => void): Unsubscribe => this.events.on('change', listener);
  readonly getSnapshot = (): ReadonlyMap<string, ConnectionQuality> => this.snapshot;

  setPeople(people: readonly Measured[]): void {
    this.people = people;
  }

  async poll(): Promise<void> {
    const next = new Map<string, ConnectionQuality>();
    await Promise.all(
      this.people.map(async ({ peerId, cameraOn }) => {
        const report = await this.stats(peerId).catch(() => null);
        if (!report) {
          this.samples.delete(peerId);
          return;
        }
        const sample = sampleOf(report.values());
        const quality = classifyQuality(this.samples.get(peerId) ?? null, sample, cameraOn);
        // The same as shown before: the same object, so whoever shows it does not render again.
        const before = this.snapshot.get(peerId);
        next.set(peerId, before && sameQuality(before, quality) ? before : quality);
        this.samples.set(peerId, sample);
      }),
    );
    for (const peerId of this.samples.keys()) if (!next.has(peerId)) this.samples.delete(peerId);
    const changed =
      next.size !== this.snapshot.size || [...next].some(([peerId, quality]) => this.snapshot.get(peerId) !== quality);
    if (!changed) return;
    this.snapshot = next;
    this.events.emit('change', next);
  }
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { drop } from '../../util/drop.js';
import type { ConnectionQuality } from './connectionQuality.js';
import { QualityMonitor, type Measured, type StatsSource } from './qualityMonitor.js';

const POLL_MS = 2000;

/** Each remote person's connection quality, from our call's statistics every two seconds. */
export function useConnectionQuality(
  stats: StatsSource,
  people: readonly Measured[],
): ReadonlyMap<string, ConnectionQuality> {
  const [monitor] = useState(() => new QualityMonitor(stats));
  useEffect(() => {
    monitor.setPeople(people);
  });
  useEffect(() => {
    const timer = setInterval(() => drop(monitor.poll()), POLL_MS);
    return () => clearInterval(timer);
  }, [monitor]);
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}

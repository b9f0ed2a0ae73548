import { useEffect, useState } from 'react';
import { drop } from '../../util/drop.js';
import { QualityMonitor, type Measured, type StatsSource } from './qualityMonitor.js';

const POLL_MS = 2000;

/**
 * Each remote person's connection quality, from our call's statistics every two seconds. The caller does not
 * re-render at each measurement: what shows a quality reads its own person's (`LiveQuality`).
 */
export function useConnectionQuality(stats: StatsSource, people: readonly Measured[]): QualityMonitor {
  const [monitor] = useState(() => new QualityMonitor(stats));
  useEffect(() => {
    monitor.setPeople(people);
  });
  useEffect(() => {
    const timer = setInterval(() => drop(monitor.poll()), POLL_MS);
    return () => clearInterval(timer);
  }, [monitor]);
  return monitor;
}

import { useSyncExternalStore } from 'react';
import { QualityIndicator, QualityMark } from './QualityIndicator.js';
import type { QualityMonitor } from './qualityMonitor.js';

export interface LiveQualityProps {
  monitor: Pick<QualityMonitor, 'subscribe' | 'getSnapshot'>;
  peerId: string;
  /** On a tile (bars with a tooltip) or in the participants list (bars named, the explanation on hover). */
  on: 'tile' | 'list';
}

/**
 * One person's connection quality, once measured: it re-renders at each measurement by itself, so the meeting
 * screen and the other tiles do not.
 */
export function LiveQuality({ monitor, peerId, on }: LiveQualityProps) {
  const quality = useSyncExternalStore(monitor.subscribe, () => monitor.getSnapshot().get(peerId) ?? null);
  if (!quality) return null;
  return on === 'tile' ? <QualityIndicator quality={quality} /> : <QualityMark quality={quality} />;
}

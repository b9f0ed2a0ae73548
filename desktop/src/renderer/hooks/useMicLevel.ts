import { useEffect, useEffectEvent } from 'react';
import { MicLevelMeter } from '../call/micLevelMeter.js';

const INTERVAL_MS = 100;
/** Each tick keeps this share of the previous reading, so the meter falls back smoothly after a sound. */
const DECAY = 0.8;

/**
 * Tells `show` the live level (0..1, two decimals) of a microphone track, each time it changes: 0 at once for
 * another track (or none), and then ten readings a second. Nothing renders for it: the meter's element is updated
 * in place (LevelMeter.tsx), since a render every 100 ms would restart any render React holds back meanwhile.
 * `still`: the level stops where it is (no more reading) rather than dropping to 0, and moves again when `still`
 * ends.
 */
export function useMicLevel(track: MediaStreamTrack | null, still: boolean, show: (level: number) => void): void {
  const onLevel = useEffectEvent(show);
  // The reading belongs to its track: another one (or none) starts from 0.
  useEffect(() => onLevel(0), [track]);
  useEffect(() => {
    if (!track || still || typeof AudioContext === 'undefined') return;
    let meter: MicLevelMeter;
    try {
      meter = new MicLevelMeter(track);
    } catch (error) {
      console.warn('[wava] microphone level unavailable', error);
      return;
    }
    let shown = 0;
    let told = -1;
    const timer = setInterval(() => {
      shown = Math.max(meter.level(), shown * DECAY);
      const level = Math.round(shown * 100) / 100;
      if (level !== told) onLevel((told = level));
    }, INTERVAL_MS);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track, still]);
}

import { useEffect, useState } from 'react';
import { MicLevelMeter } from '../call/micLevelMeter.js';

const INTERVAL_MS = 100;
/** Each tick keeps this share of the previous reading, so the meter falls back smoothly after a sound. */
const DECAY = 0.8;

/**
 * The live level (0..1, two decimals) of a microphone track; 0 without one. `still`: the level stops where it is
 * (no more reading, no more renders) rather than dropping to 0, and moves again when `still` ends.
 */
export function useMicLevel(track: MediaStreamTrack | null, still = false): number {
  // The reading belongs to its track: another track (or none) starts from 0, a still one keeps its last reading.
  const [reading, setReading] = useState<{ track: MediaStreamTrack | null; level: number }>({ track: null, level: 0 });
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
    const timer = setInterval(() => {
      shown = Math.max(meter.level(), shown * DECAY);
      const level = Math.round(shown * 100) / 100;
      setReading((last) => (last.track === track && last.level === level ? last : { track, level }));
    }, INTERVAL_MS);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track, still]);
  return track && reading.track === track ? reading.level : 0;
}

import { useEffect, useState } from 'react';
import { MicLevelMeter } from '../call/micLevelMeter.js';

const INTERVAL_MS = 100;
/** Each tick keeps this share of the previous reading, so the meter falls back smoothly after a sound. */
const DECAY = 0.8;

/** The live level (0..1, two decimals) of a microphone track; 0 without one. */
export function useMicLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') return;
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
      setLevel(Math.round(shown * 100) / 100);
    }, INTERVAL_MS);
    return () => {
      clearInterval(timer);
      meter.close();
      setLevel(0);
    };
  }, [track]);
  return track ? level : 0;
}

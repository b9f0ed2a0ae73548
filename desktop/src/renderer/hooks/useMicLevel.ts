import { useEffect, useState } from 'react';
import { MicLevelMeter } from '../call/micLevelMeter.js';

const INTERVAL_MS = 100;

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
    const timer = setInterval(() => setLevel(Math.round(meter.level() * 100) / 100), INTERVAL_MS);
    return () => {
      clearInterval(timer);
      meter.close();
      setLevel(0);
    };
  }, [track]);
  return track ? level : 0;
}

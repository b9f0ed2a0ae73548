import { useEffect, useRef } from 'react';
import { MicLevelMeter } from '../../call/micLevelMeter.js';
import { createSpeechDetector, LEVEL_TICK_MS, TALKING_FOR_A_WHILE } from './speechDetector.js';

/**
 * While our hand is up, listens to our own microphone (an AnalyserNode) and calls `onSpoke` once we have
 * spoken for about three seconds, as in Meet: a raised hand goes down by itself when its owner takes the floor.
 */
export function useHandAutoLower(track: MediaStreamTrack | null, raised: boolean, onSpoke: () => void): void {
  const spoke = useRef(onSpoke);
  useEffect(() => {
    spoke.current = onSpoke;
  });
  useEffect(() => {
    if (!raised || !track || typeof AudioContext === 'undefined') return;
    let meter: MicLevelMeter;
    try {
      meter = new MicLevelMeter(track);
    } catch {
      return;
    }
    const speech = createSpeechDetector(TALKING_FOR_A_WHILE);
    let done = false;
    const timer = setInterval(() => {
      if (speech.push(meter.level()) && !done) {
        done = true;
        spoke.current();
      }
    }, LEVEL_TICK_MS);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track, raised]);
}

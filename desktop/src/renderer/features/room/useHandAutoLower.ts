import { useEffect, useRef } from 'react';
import { MicLevelMeter } from '../../call/micLevelMeter.js';
import { createSpeechDetector } from './speechDetector.js';

const TICK_MS = 100;

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
    const speech = createSpeechDetector();
    let done = false;
    const timer = setInterval(() => {
      if (speech.push(meter.level()) && !done) {
        done = true;
        spoke.current();
      }
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track, raised]);
}

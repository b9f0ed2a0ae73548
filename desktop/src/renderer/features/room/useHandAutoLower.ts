import { useEffect, useRef } from 'react';
import { MicLevelMeter } from '../../call/micLevelMeter.js';

const TICK_MS = 100;
/** A meter level this high is speech (about -30 dBFS); a muted track reads 0. */
const SPEECH_LEVEL = 0.5;
/** This much speech, with pauses no longer than PAUSE_MS, lowers the hand. */
const SPEAKING_FOR_MS = 3_000;
const PAUSE_MS = 700;

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
    let speech = 0;
    let pause = 0;
    let done = false;
    const timer = setInterval(() => {
      if (meter.level() >= SPEECH_LEVEL) {
        speech += TICK_MS;
        pause = 0;
      } else if ((pause += TICK_MS) > PAUSE_MS) {
        speech = 0;
      }
      if (speech >= SPEAKING_FOR_MS && !done) {
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

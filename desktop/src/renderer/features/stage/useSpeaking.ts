import { useEffect, useState, useSyncExternalStore } from 'react';
import { MicLevelMeter } from '../../call/micLevelMeter.js';
import { LEVEL_TICK_MS } from '../room/speechDetector.js';
import { SpeakingMonitor, type MeterSource, type SpeakingSnapshot, type Voice } from './speakingMonitor.js';

/** AnalyserNodes on one AudioContext, made on the first track; none where WebAudio is missing. */
function analyserMeters(): MeterSource {
  let context: AudioContext | null = null;
  return {
    open(track) {
      if (typeof AudioContext === 'undefined') return null;
      try {
        context ??= new AudioContext();
        return new MicLevelMeter(track, context);
      } catch (error) {
        console.warn('[wava] speaking level unavailable', error);
        return null;
      }
    },
    close() {
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}

/**
 * Who is speaking and who the active speaker is, from the voices given (ours and the ones we receive, or the
 * SFU's word for the ones it carries), read ten times a second.
 */
export function useSpeaking(voices: readonly Voice[]): SpeakingSnapshot {
  const [monitor] = useState(() => new SpeakingMonitor(analyserMeters()));
  // Every render: cheap, and a voice whose track is unchanged keeps its meter.
  useEffect(() => {
    monitor.setVoices(voices);
  });
  useEffect(() => {
    const timer = setInterval(() => monitor.read(), LEVEL_TICK_MS);
    return () => {
      clearInterval(timer);
      monitor.close();
    };
  }, [monitor]);
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}

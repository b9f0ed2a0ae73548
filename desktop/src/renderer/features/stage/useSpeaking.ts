import { useEffect, useRef, useState } from 'react';
import { MicLevelMeter } from '../../call/micLevelMeter.js';
import type { Unsubscribe } from '../../util/emitter.js';
import { LEVEL_TICK_MS } from '../room/speechDetector.js';
import { SpeakingMonitor, type MeterSource, type Voice } from './speakingMonitor.js';

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
 * Listens to the voices given (ours and the ones we receive, or the SFU's word for the ones it carries), read ten
 * times a second, and returns the monitor that tells who speaks. The caller does not re-render when someone
 * starts or stops speaking: each tile follows its own person (`usePersonSpeaking`), the layout the active speaker
 * (`useActiveSpeaker`). `voices` is read at each render and whenever `voicesChanged` fires (the SFU's talking
 * events), without a render.
 */
export function useSpeaking(
  voices: () => readonly Voice[],
  voicesChanged: (listener: () => void) => Unsubscribe,
): SpeakingMonitor {
  const [monitor] = useState(() => new SpeakingMonitor(analyserMeters()));
  const latest = useRef(voices);
  // Every render: cheap, and a voice whose track is unchanged keeps its meter.
  useEffect(() => {
    latest.current = voices;
    monitor.setVoices(voices());
  });
  useEffect(() => voicesChanged(() => monitor.setVoices(latest.current())), [monitor, voicesChanged]);
  useEffect(() => {
    const timer = setInterval(() => monitor.read(), LEVEL_TICK_MS);
    return () => {
      clearInterval(timer);
      monitor.close();
    };
  }, [monitor]);
  return monitor;
}

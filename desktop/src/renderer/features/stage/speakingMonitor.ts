import type { LevelMeter } from '../../call/micLevelMeter.js';
import { Emitter, type Unsubscribe } from '../../util/emitter.js';
import { createSpeechDetector, SPEAKING_NOW, type SpeechDetector } from '../room/speechDetector.js';
import { nextActiveSpeaker, NO_ACTIVE_SPEAKER, type ActiveSpeakerState, type Speaker } from './activeSpeaker.js';

/**
 * One person's voice as the monitor knows it, with whether their microphone is on: either their audio track,
 * whose level the client measures (our microphone, a voice received peer to peer), or, for a voice the SFU
 * carries, Janus's verdict (`talking`), and then no level is measured here at all.
 */
export type Voice =
  | { peerId: string; unmuted: boolean; track: MediaStreamTrack | null }
  | { peerId: string; unmuted: boolean; talking: boolean };

/** Who speaks now, and who is the active speaker (highlighted, and large in speaker view). */
export interface SpeakingSnapshot {
  speaking: ReadonlySet<string>;
  active: string | null;
}

interface Listening {
  track: MediaStreamTrack | null;
  meter: LevelMeter | null;
  detector: SpeechDetector;
  unmuted: boolean;
  /** What the SFU says (a voice it carries), or null: measured here. */
  reported: boolean | null;
}

/** How loud someone the SFU says talks counts against measured voices: as steady speech. */
const REPORTED_LOUD = SPEAKING_NOW.window;

/** Opens level meters on tracks (AnalyserNodes on one AudioContext in the app), and closes what they share. */
export interface MeterSource {
  open(track: MediaStreamTrack): LevelMeter | null;
  close(): void;
}

/** What a component reads who speaks from (`useSyncExternalStore`): a `SpeakingMonitor`. */
export type SpeakingSource = Pick<SpeakingMonitor, 'subscribe' | 'getSnapshot'>;

const NOBODY: SpeakingSnapshot = { speaking: new Set(), active: null };

/**
 * Listens to everyone's voice (the audio the client already has: our microphone, the streams it receives; in an
 * SFU meeting, the SFU's word for the voices it carries) and tells who is speaking and who the active speaker is.
 * Someone muted never speaks. `read` takes one reading of
 * every voice; its owner calls it ten times a second. The level meters come from `meters`, one per track, closed
 * when the track goes; `close` closes them all, and a later `setVoices` opens them again.
 */
export class SpeakingMonitor {
  private readonly voices = new Map<string, Listening>();
  private readonly events = new Emitter<{ change: SpeakingSnapshot }>();
  private active: ActiveSpeakerState = NO_ACTIVE_SPEAKER;
  private snapshot: SpeakingSnapshot = NOBODY;

  constructor(private readonly meters: MeterSource) {}

  readonly subscribe = (listener: () => void): Unsubscribe => this.events.on('change', listener);
  readonly getSnapshot = (): SpeakingSnapshot => this.snapshot;

  /** The people in the meeting now, with their tracks; a new track gets a new meter. */
  setVoices(voices: readonly Voice[]): void {
    const present = new Set(voices.map((voice) => voice.peerId));
    for (const [peerId, listening] of this.voices) {
      if (!present.has(peerId)) {
        listening.meter?.close();
        this.voices.delete(peerId);
      }
    }
    for (const voice of voices) {
      const listening = this.voices.get(voice.peerId);
      const reported = 'talking' in voice ? voice.talking : null;
      const track = 'track' in voice ? voice.track : null;
      if (listening && (listening.reported === null) === (reported === null) && listening.track === track) {
        listening.unmuted = voice.unmuted;
        listening.reported = reported;
        continue;
      }
      listening?.meter?.close();
      this.voices.set(voice.peerId, {
        track,
        meter: track ? this.meters.open(track) : null,
        detector: createSpeechDetector(SPEAKING_NOW),
        unmuted: voice.unmuted,
        reported,
      });
    }
  }

  /** One reading of every voice. */
  read(): void {
    const speakers: Speaker[] = [];
    for (const [peerId, listening] of this.voices) {
      if (listening.unmuted && listening.reported !== null) {
        if (listening.reported) speakers.push({ peerId, loud: REPORTED_LOUD });
        continue;
      }
      if (!listening.unmuted || !listening.meter) {
        listening.detector.reset();
        continue;
      }
      if (listening.detector.push(listening.meter.level())) speakers.push({ peerId, loud: listening.detector.loud });
    }
    this.active = nextActiveSpeaker(this.active, speakers, new Set(this.voices.keys()));
    const speaking = new Set(speakers.map((speaker) => speaker.peerId));
    if (this.active.active === this.snapshot.active && sameSet(speaking, this.snapshot.speaking)) return;
    this.snapshot = { speaking, active: this.active.active };
    this.events.emit('change', this.snapshot);
  }

  close(): void {
    for (const listening of this.voices.values()) listening.meter?.close();
    this.voices.clear();
    this.meters.close();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

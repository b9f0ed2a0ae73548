import { describe, expect, it } from 'vitest';
import type { LevelMeter } from '../../src/renderer/call/micLevelMeter.js';
import { SpeakingMonitor, type MeterSource, type Voice } from '../../src/renderer/features/stage/speakingMonitor.js';

/**
 * AnalyserNodes cannot run outside a browser: each track's meter reads the level its test sets, through the same
 * interface (the e2e spec meetingStage.spec.ts hears real voices in Chromium).
 */
class ScriptedMeters implements MeterSource {
  readonly levels = new Map<string, number>();
  readonly open_ = new Set<string>();
  open(track: MediaStreamTrack): LevelMeter {
    this.open_.add(track.id);
    return {
      level: () => this.levels.get(track.id) ?? 0,
      close: () => this.open_.delete(track.id),
    };
  }
  close(): void {}
}

const track = (id: string) => ({ id }) as MediaStreamTrack;
const ann = track('ann-mic');
const bo = track('bo-mic');

function setUp(voices: Voice[]) {
  const meters = new ScriptedMeters();
  const monitor = new SpeakingMonitor(meters);
  monitor.setVoices(voices);
  const readings = (count: number) => {
    for (let i = 0; i < count; i += 1) monitor.read();
    return monitor.getSnapshot();
  };
  return { meters, monitor, readings };
}

describe('speaking monitor', () => {
  it('an unmuted voice speaking is speaking and becomes the active speaker', () => {
    const { meters, readings } = setUp([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', track: bo, unmuted: true },
    ]);
    meters.levels.set(ann.id, 0.6);
    const snapshot = readings(3);
    expect([...snapshot.speaking]).toEqual(['ann']);
    expect(snapshot.active).toBe('ann');
  });

  it('someone muted is never speaking, even if their track still carries sound', () => {
    const { meters, readings } = setUp([{ peerId: 'bo', track: bo, unmuted: false }]);
    meters.levels.set(bo.id, 0.9);
    const snapshot = readings(20);
    expect(snapshot.speaking.size).toBe(0);
    expect(snapshot.active).toBeNull();
  });

  it('muting stops the indicator at the next reading', () => {
    const { meters, monitor, readings } = setUp([{ peerId: 'ann', track: ann, unmuted: true }]);
    meters.levels.set(ann.id, 0.7);
    expect(readings(3).speaking.has('ann')).toBe(true);
    monitor.setVoices([{ peerId: 'ann', track: ann, unmuted: false }]);
    expect(readings(1).speaking.has('ann')).toBe(false);
  });

  it('tells listeners only when something changed, and closes the meters of people who left', () => {
    const { meters, monitor, readings } = setUp([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', track: bo, unmuted: true },
    ]);
    let changes = 0;
    monitor.subscribe(() => (changes += 1));
    readings(10);
    expect(changes).toBe(0);
    meters.levels.set(bo.id, 0.6);
    readings(10);
    expect(changes).toBe(1);
    monitor.setVoices([{ peerId: 'ann', track: ann, unmuted: true }]);
    expect([...meters.open_]).toEqual([ann.id]);
    expect(readings(1)).toEqual({ speaking: new Set(), active: null });
    monitor.close();
    expect(meters.open_.size).toBe(0);
  });
});

describe('speaking monitor in an SFU meeting: the SFU says who talks', () => {
  it('a voice the SFU carries speaks as Janus says, and no level of it is measured here', () => {
    const { meters, monitor, readings } = setUp([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', talking: true, unmuted: true },
    ]);
    expect([...meters.open_]).toEqual([ann.id]);
    let snapshot = readings(1);
    expect([...snapshot.speaking]).toEqual(['bo']);
    expect(snapshot.active).toBe('bo');
    monitor.setVoices([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', talking: false, unmuted: true },
    ]);
    snapshot = readings(1);
    expect(snapshot.speaking.size).toBe(0);
    // The active speaker stays through a pause, as with measured voices.
    expect(snapshot.active).toBe('bo');
  });

  it('the SFU taking over a voice closes the meter that measured it, and the mesh getting it back opens one', () => {
    const { meters, monitor, readings } = setUp([{ peerId: 'bo', track: bo, unmuted: true }]);
    meters.levels.set(bo.id, 0.9);
    expect(readings(3).speaking.has('bo')).toBe(true);
    // On the SFU Bob's received audio (the same track, still loud) is not measured: Janus hears him silent.
    monitor.setVoices([{ peerId: 'bo', talking: false, unmuted: true }]);
    expect([...meters.open_]).toEqual([]);
    expect(readings(3).speaking.has('bo')).toBe(false);
    monitor.setVoices([{ peerId: 'bo', track: bo, unmuted: true }]);
    expect([...meters.open_]).toEqual([bo.id]);
    expect(readings(3).speaking.has('bo')).toBe(true);
  });

  it('someone muted is never speaking, whatever Janus says', () => {
    const { readings } = setUp([{ peerId: 'bo', talking: true, unmuted: false }]);
    const snapshot = readings(20);
    expect(snapshot.speaking.size).toBe(0);
    expect(snapshot.active).toBeNull();
  });

  it('our own indicator still comes from our microphone, and takes over from a silent SFU speaker after a second', () => {
    const { meters, monitor, readings } = setUp([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', talking: true, unmuted: true },
    ]);
    expect(readings(1).active).toBe('bo');
    monitor.setVoices([
      { peerId: 'ann', track: ann, unmuted: true },
      { peerId: 'bo', talking: false, unmuted: true },
    ]);
    meters.levels.set(ann.id, 0.6);
    expect([...readings(3).speaking]).toEqual(['ann']);
    expect(readings(12).active).toBe('ann');
  });
});

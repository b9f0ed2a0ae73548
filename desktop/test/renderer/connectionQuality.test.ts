import { describe, expect, it } from 'vitest';
import { classifyQuality, sampleOf, type StatsSample } from '../../src/renderer/features/stage/connectionQuality.js';
import { QualityMonitor } from '../../src/renderer/features/stage/qualityMonitor.js';

/** Statistics shaped as Chromium's getStats() gives them for a two-way camera call. */
function report(options: { received: number; lost: number; rttSeconds?: number; fps?: number }) {
  return [
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1' },
    {
      id: 'CP1',
      type: 'candidate-pair',
      state: 'succeeded',
      nominated: true,
      currentRoundTripTime: options.rttSeconds,
    },
    { id: 'CP2', type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 9 },
    {
      id: 'IA',
      type: 'inbound-rtp',
      kind: 'audio',
      packetsReceived: options.received / 2,
      packetsLost: options.lost / 2,
    },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      packetsReceived: options.received / 2,
      packetsLost: options.lost / 2,
      framesPerSecond: options.fps,
    },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', packetsSent: 5000 },
    { id: 'RI', type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 900, roundTripTime: 7 },
  ];
}

describe('a sample from getStats', () => {
  it('sums incoming audio and video, and takes the selected pair’s round trip', () => {
    expect(sampleOf(report({ received: 1000, lost: 10, rttSeconds: 0.042, fps: 30 }))).toEqual({
      packetsReceived: 1000,
      packetsLost: 10,
      roundTripMs: 42,
      framesPerSecond: 30,
    });
  });

  it('a screen shared on the call’s slot (a second, slower video stream) does not lower the frame rate', () => {
    const stats = [
      ...report({ received: 1000, lost: 0, rttSeconds: 0.01, fps: 30 }),
      { id: 'IS', type: 'inbound-rtp', kind: 'video', packetsReceived: 0, packetsLost: 0, framesPerSecond: 8 },
    ];
    expect(sampleOf(stats).framesPerSecond).toBe(30);
  });

  it('without a transport naming its pair, the nominated succeeded pair; nothing measured yet is null', () => {
    const stats = report({ received: 0, lost: 0 }).filter((stat) => stat.type !== 'transport');
    expect(sampleOf(stats)).toEqual({ packetsReceived: 0, packetsLost: 0, roundTripMs: null, framesPerSecond: 0 });
  });
});

const sample = (
  packetsReceived: number,
  packetsLost: number,
  roundTripMs: number | null,
  framesPerSecond: number | null,
): StatsSample => ({
  packetsReceived,
  packetsLost,
  roundTripMs,
  framesPerSecond,
});

describe('connection quality', () => {
  const before = sample(10_000, 100, 30, 30);
  it.each<[string, StatsSample, boolean, string, string[]]>([
    ['a clean call', sample(10_200, 100, 30, 30), true, 'good', []],
    ['1% lost this interval', sample(10_198, 102, 30, 30), true, 'good', []],
    ['5% lost this interval', sample(10_190, 110, 30, 30), true, 'fair', ['loss']],
    ['20% lost this interval', sample(10_160, 140, 30, 30), true, 'poor', ['loss']],
    ['a 400 ms round trip', sample(10_200, 100, 400, 30), true, 'fair', ['roundTrip']],
    ['a 900 ms round trip', sample(10_200, 100, 900, 30), true, 'poor', ['roundTrip']],
    ['10 frames a second', sample(10_200, 100, 30, 10), true, 'fair', ['frameRate']],
    ['3 frames a second', sample(10_200, 100, 30, 3), true, 'poor', ['frameRate']],
    ['no frames while their camera is off: not a problem', sample(10_200, 100, 30, 0), false, 'good', []],
    [
      'the worst counts: fair loss and poor round trip',
      sample(10_190, 110, 900, 30),
      true,
      'poor',
      ['loss', 'roundTrip'],
    ],
  ])('%s', (_name, now, cameraOn, level, problems) => {
    const quality = classifyQuality(before, now, cameraOn);
    expect(quality.level).toBe(level);
    expect(quality.problems).toEqual(problems);
  });

  it('an old burst of loss fades: only the latest interval counts', () => {
    const burst = sample(10_000, 2_000, 30, 30);
    expect(classifyQuality(null, burst, true).level).toBe('poor');
    expect(classifyQuality(burst, sample(10_300, 2_000, 30, 30), true).level).toBe('good');
  });

  it('reports what it measured, for the explanation', () => {
    expect(classifyQuality(before, sample(10_190, 110, 42, 24), true)).toEqual({
      level: 'fair',
      lossPercent: 5,
      roundTripMs: 42,
      framesPerSecond: 24,
      problems: ['loss'],
    });
  });
});

describe('the quality monitor', () => {
  /** A call whose statistics grow as `next` says at each poll. */
  function monitorOf(next: () => ReturnType<typeof report>) {
    const monitor = new QualityMonitor(async () => ({ values: () => next() }));
    monitor.setPeople([{ peerId: 'b-peer', cameraOn: true }]);
    let told = 0;
    monitor.subscribe(() => (told += 1));
    return { monitor, told: () => told };
  }

  it('tells its listeners only when what it shows changes: the same figures as shown keep the same object', async () => {
    let received = 1_000;
    let rttSeconds = 0.0421;
    const { monitor, told } = monitorOf(() => report({ received: (received += 1_000), lost: 0, rttSeconds, fps: 30 }));
    await monitor.poll();
    const first = monitor.getSnapshot().get('b-peer');
    expect([first?.roundTripMs, told()]).toEqual([42, 1]);
    // A few microseconds more round trip: shown the same, nothing re-renders.
    rttSeconds = 0.0423;
    await monitor.poll();
    expect(monitor.getSnapshot().get('b-peer')).toBe(first);
    expect(told()).toBe(1);
    rttSeconds = 0.09;
    await monitor.poll();
    expect([monitor.getSnapshot().get('b-peer')?.roundTripMs, told()]).toEqual([90, 2]);
  });
});

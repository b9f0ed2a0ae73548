/** What the client measured on one call, summed over its incoming audio and video. */
export interface StatsSample {
  packetsReceived: number;
  packetsLost: number;
  /** The round trip of the selected candidate pair, in milliseconds. */
  roundTripMs: number | null;
  /** Incoming video frames a second (null without incoming video). */
  framesPerSecond: number | null;
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/** What makes a connection worse than good. */
export type QualityProblem = 'loss' | 'roundTrip' | 'frameRate';

export interface ConnectionQuality {
  level: QualityLevel;
  /** Lost packets in the last interval, percent (null when nothing was due). */
  lossPercent: number | null;
  roundTripMs: number | null;
  framesPerSecond: number | null;
  problems: QualityProblem[];
}

/** Limits: at or below the first is good, at or below the second fair, beyond it poor. */
const LOSS_PERCENT = [2, 8] as const;
const ROUND_TRIP_MS = [250, 500] as const;
/** Frames a second: at or above the first good, at or above the second fair. */
const FRAMES_PER_SECOND = [15, 8] as const;

type Stat = Record<string, unknown>;
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A sample from a `getStats()` report (RTCStatsReport's values): incoming RTP, and the selected candidate pair. */
export function sampleOf(stats: Iterable<Stat>): StatsSample {
  const all = [...stats];
  const byId = new Map(all.map((stat) => [stat.id, stat]));
  let packetsReceived = 0;
  let packetsLost = 0;
  let framesPerSecond: number | null = null;
  for (const stat of all) {
    if (stat.type !== 'inbound-rtp') continue;
    packetsReceived += num(stat.packetsReceived) ?? 0;
    packetsLost += Math.max(0, num(stat.packetsLost) ?? 0);
    // The camera's rate: a share on the call's screen slot is a second, slower video stream (5 to 15 frames/s).
    if (stat.kind === 'video') framesPerSecond = Math.max(framesPerSecond ?? 0, num(stat.framesPerSecond) ?? 0);
  }
  const transport = all.find((stat) => stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string');
  const pair =
    (transport ? byId.get(transport.selectedCandidatePairId) : undefined) ??
    all.find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
  const seconds = num(pair?.currentRoundTripTime);
  return { packetsReceived, packetsLost, roundTripMs: seconds === null ? null : seconds * 1000, framesPerSecond };
}

function grade(value: number | null, [good, fair]: readonly [number, number], higherIsBetter = false): QualityLevel {
  if (value === null) return 'good';
  if (higherIsBetter) return value >= good ? 'good' : value >= fair ? 'fair' : 'poor';
  return value <= good ? 'good' : value <= fair ? 'fair' : 'poor';
}

const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/**
 * How a connection is doing over the interval between two samples: the worst of its packet loss, its round trip and
 * (when the person's camera is on) the frame rate we receive. Loss counts only this interval, so an old burst fades.
 */
export function classifyQuality(
  previous: StatsSample | null,
  current: StatsSample,
  cameraOn: boolean,
): ConnectionQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const lossPercent = received + lost > 0 ? (Math.max(0, lost) / (received + Math.max(0, lost))) * 100 : null;
  const framesPerSecond = cameraOn ? current.framesPerSecond : null;
  const grades: Array<[QualityProblem, QualityLevel]> = [
    ['loss', grade(lossPercent, LOSS_PERCENT)],
    ['roundTrip', grade(current.roundTripMs, ROUND_TRIP_MS)],
    ['frameRate', grade(framesPerSecond, FRAMES_PER_SECOND, true)],
  ];
  const level = grades.reduce<QualityLevel>((worst, [, next]) => (RANK[next] > RANK[worst] ? next : worst), 'good');
  // Graded on what was measured, kept as it is shown (a tenth of a percent, whole milliseconds and frames): a
  // measurement that shows the same as the last one is the same (sameQuality), and nothing re-renders for it.
  return {
    level,
    lossPercent: lossPercent === null ? null : Math.round(lossPercent * 10) / 10,
    roundTripMs: current.roundTripMs === null ? null : Math.round(current.roundTripMs),
    framesPerSecond: framesPerSecond === null ? null : Math.round(framesPerSecond),
    problems: grades.filter(([, each]) => each !== 'good').map(([problem]) => problem),
  };
}

/** Whether two measurements show the same (level, problems and figures as shown). */
export function sameQuality(a: ConnectionQuality, b: ConnectionQuality): boolean {
  return (
    a.level === b.level &&
    a.lossPercent === b.lossPercent &&
    a.roundTripMs === b.roundTripMs &&
    a.framesPerSecond === b.framesPerSecond &&
    a.problems.join() === b.problems.join()
  );
}

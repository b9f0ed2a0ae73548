/** Why a camera or microphone is not in use although the person wanted it. */
export type DeviceProblemReason = 'denied' | 'missing' | 'busy' | 'lost' | 'failed';

export interface DeviceProblem {
  reason: DeviceProblemReason;
}

export type DeviceKind = 'microphone' | 'camera';

/** What went wrong, from the DOMException name getUserMedia rejected with. */
export function deviceProblemOf(error: unknown): DeviceProblem {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : null;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return { reason: 'denied' };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { reason: 'missing' };
    case 'NotReadableError':
    case 'TrackStartError':
      return { reason: 'busy' };
    default:
      return { reason: 'failed' };
  }
}

import { i18n } from '../i18n/i18n.js';

/** Why a camera or microphone the person picked could not be started, from the DOMException name. */
export type MediaAccessReason = 'denied' | 'missing' | 'busy' | 'gone' | 'interrupted' | 'failed';

/** A device switch that failed, kept as data: its sentence is written at render (`mediaAccessMessage`). */
export interface MediaAccessProblem {
  device: 'camera' | 'microphone';
  reason: MediaAccessReason;
}

export function mediaAccessProblem(error: unknown, device: 'camera' | 'microphone'): MediaAccessProblem {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : null;
  return { device, reason: reasonOf(name) };
}

function reasonOf(name: unknown): MediaAccessReason {
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'busy';
    case 'OverconstrainedError':
      return 'gone';
    case 'AbortError':
      return 'interrupted';
    default:
      return 'failed';
  }
}

/** The sentence for a device that could not be started, in the interface's language now: call it while rendering. */
export function mediaAccessMessage(problem: MediaAccessProblem): string {
  return i18n.t(`devices.access.${problem.reason}`, { device: i18n.t(`devices.name.${problem.device}`) });
}

import type { DeviceOption } from './deviceOption.js';
import type { DeviceKind, DeviceProblem } from './deviceProblem.js';
import type { MediaAccessProblem } from './mediaAccessMessage.js';

export interface LocalMediaState {
  status: 'idle' | 'starting' | 'ready' | 'stopped';
  /**
   * Microphone / camera on: what the person chose AND what is true. A device that could not be started
   * or that went away mid-call is off here (and so for everyone else), with the reason in `problems`.
   */
  audio: boolean;
  video: boolean;
  microphoneId: string | null;
  cameraId: string | null;
  cameras: readonly DeviceOption[];
  microphones: readonly DeviceOption[];
  /** Id of the self-view stream; changes whenever the camera track does. Null while the camera is off. */
  previewId: string | null;
  hasMicrophone: boolean;
  /** Why a device the person wanted is off (refused, missing, in use, unplugged); cleared when it works again. */
  problems: Readonly<Record<DeviceKind, DeviceProblem | null>>;
  /** A one-off failure, e.g. switching to another device (its sentence is written at render). */
  error: MediaAccessProblem | null;
  /**
   * The camera in use plays in the self-view but its picture cannot be sent (a depth or infrared camera:
   * cameraSendability.ts), with the camera used before it (null: none), to offer instead. Meanwhile the calls send
   * the camera-off placeholder and the others are told the camera is off. Cleared on any switch.
   */
  unsendableCamera: { cameraId: string | null; previousId: string | null } | null;
  /**
   * The camera just turned on or switched to is being checked (cameraSendability.ts), and until it is cleared the
   * calls go on sending what they sent: the camera before, still running ('previous'), or the camera-off placeholder
   * ('placeholder', and the others are told the camera is off). Null when no check is waited for.
   */
  cameraCheck: 'previous' | 'placeholder' | null;
}

/** What the person chose before (remembered settings): on or off, and which devices; anything unset is the default. */
export interface InitialChoices {
  audio?: boolean;
  video?: boolean;
  microphoneId?: string | null;
  cameraId?: string | null;
}

const NO_PROBLEMS = Object.freeze({ microphone: null, camera: null });

/** The state before anything started: the choices, both devices wanted on unless chosen off. */
export function initialLocalMediaState(initial: InitialChoices): LocalMediaState {
  return {
    status: 'idle',
    audio: initial.audio ?? true,
    video: initial.video ?? true,
    microphoneId: initial.microphoneId ?? null,
    cameraId: initial.cameraId ?? null,
    cameras: [],
    microphones: [],
    previewId: null,
    hasMicrophone: false,
    problems: NO_PROBLEMS,
    error: null,
    unsendableCamera: null,
    cameraCheck: null,
  };
}

export interface LocalMediaEvents {
  change: LocalMediaState;
  /** The track calls send for this kind changed (device switch, camera on/off). */
  track: { kind: 'audio' | 'video'; track: MediaStreamTrack | null };
  /** The camera was asked to come on while the one selected cannot be sent: it is not retried, the notice says why. */
  unsendableCameraAsked: { cameraId: string | null };
}

export type MediaDevicesLike = Pick<
  MediaDevices,
  'getUserMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'
>;

/**
 * Whether the others get a camera picture: the camera is on and a camera's frames go out (its own, or while it is
 * checked the camera's before it). What the meeting announces and our own tile shows (a camera that cannot be sent,
 * or one turned on and not yet checked, goes out as the camera-off placeholder).
 */
export function sendsCamera(state: Pick<LocalMediaState, 'video' | 'unsendableCamera' | 'cameraCheck'>): boolean {
  return state.video && state.unsendableCamera === null && state.cameraCheck !== 'placeholder';
}

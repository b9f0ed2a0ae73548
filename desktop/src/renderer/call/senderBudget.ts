/**
 * How much each person sends in a mesh call. Everyone encodes one stream per other participant, so
 * without limits upload grows with the meeting (about 1.7 Mbps per stream, 8 Mbps at six people). This
 * policy keeps a person's total upload within one budget: the per-stream bitrate shrinks as the meeting
 * grows, and camera resolution and frame rate step down with it; a screen share keeps its resolution and
 * drops frame rate instead (text must stay legible). Receivers still get 360p camera video at 4 people.
 *
 * Pure: applySenderBudget.ts puts the result on the RTCRtpSenders.
 */

/** Default total upload per person, audio included. */
export const DEFAULT_UPLOAD_BUDGET_BPS = 2_500_000;
/** Opus speech at its default settings, reserved per outgoing call before video is shared out. */
export const AUDIO_BPS = 40_000;
/** While sharing, screen streams get this share of the video budget; cameras the rest. */
const SCREEN_SHARE_OF_VIDEO = 0.6;
const MAX_CAMERA_BPS = 1_500_000;
const MAX_SCREEN_BPS = 2_500_000;

export interface SenderLimits {
  maxBitrate: number;
  maxFramerate: number;
  /** 1 sends the captured size; 2 halves width and height. */
  scaleResolutionDownBy: number;
  degradationPreference: RTCDegradationPreference;
}

export interface BudgetInput {
  /** People in the meeting, this person included. */
  participants: number;
  sharingScreen: boolean;
  /** Height of the captured camera frames (the size limits are given as heights). */
  cameraHeight: number;
  budgetBps?: number;
}

export interface SenderBudget {
  camera: SenderLimits;
  /** Null while not sharing. */
  screen: SenderLimits | null;
}

const LOWEST_CAMERA_STEP = { minBps: 0, height: 180, fps: 12 } as const;
const LOWEST_SCREEN_STEP = { minBps: 0, fps: 5 } as const;

/** Camera steps, best first: the first one the per-stream bitrate affords is used. */
const CAMERA_STEPS = [
  { minBps: 1_300_000, height: 720, fps: 30 },
  { minBps: 700_000, height: 480, fps: 30 },
  { minBps: 400_000, height: 360, fps: 24 },
  { minBps: 250_000, height: 360, fps: 15 },
  { minBps: 150_000, height: 270, fps: 15 },
  LOWEST_CAMERA_STEP,
] as const;

/**
 * Screen steps: full resolution always, frame rate by bitrate. The top step keeps the capture's own 30 fps (what
 * Chromium captures a screen at): a still screen sends next to nothing whatever the cap, a scrolling or playing one
 * stays smooth, and the encoder drops frames itself when the computer is too busy. Capped at 15, the share's first
 * frame reached the viewer 12 to 20 ms later in the bench (its keyframe gets twice the bit budget per frame).
 */
const SCREEN_STEPS = [{ minBps: 1_000_000, fps: 30 }, { minBps: 500_000, fps: 8 }, LOWEST_SCREEN_STEP] as const;

export function senderBudget({
  participants,
  sharingScreen,
  cameraHeight,
  budgetBps = DEFAULT_UPLOAD_BUDGET_BPS,
}: BudgetInput): SenderBudget {
  const streams = Math.max(1, participants - 1);
  const video = Math.max(0, budgetBps - streams * AUDIO_BPS);
  const screenShare = sharingScreen ? video * SCREEN_SHARE_OF_VIDEO : 0;
  const cameraBps = Math.min(MAX_CAMERA_BPS, Math.floor((video - screenShare) / streams));
  const cameraStep = CAMERA_STEPS.find((step) => cameraBps >= step.minBps) ?? LOWEST_CAMERA_STEP;
  const camera: SenderLimits = {
    maxBitrate: cameraBps,
    maxFramerate: cameraStep.fps,
    scaleResolutionDownBy: cameraHeight > cameraStep.height ? cameraHeight / cameraStep.height : 1,
    // Chromium's own choice for cameras: 'balanced' dropped a new call's picture to 270p while its bandwidth
    // estimate was still ramping up (and after the camera-off placeholder), which the receiver saw.
    degradationPreference: 'maintain-framerate',
  };
  if (!sharingScreen) return { camera, screen: null };
  const screenBps = Math.min(MAX_SCREEN_BPS, Math.floor(screenShare / streams));
  const screenStep = SCREEN_STEPS.find((step) => screenBps >= step.minBps) ?? LOWEST_SCREEN_STEP;
  return {
    camera,
    screen: {
      maxBitrate: screenBps,
      maxFramerate: screenStep.fps,
      scaleResolutionDownBy: 1,
      degradationPreference: 'maintain-resolution',
    },
  };
}

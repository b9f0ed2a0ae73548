import type { Logger } from '../util/logger.js';
import { senderBudget, type SenderLimits } from './senderBudget.js';

export interface MeshSenders {
  /** People in the meeting, this person included. */
  participants: number;
  /** The calls that carry our camera, and those that carry our screen (a null is a call not placed yet). */
  camera: Iterable<RTCPeerConnection | null>;
  screen: Iterable<RTCPeerConnection | null>;
  /** The camera track being sent (or its placeholder), for its captured height. */
  cameraTrack: MediaStreamTrack | null;
  budgetBps?: number;
  logger: Logger;
}

/** Reads the captured size when the track reports one; the camera's requested height otherwise. */
const DEFAULT_CAMERA_HEIGHT = 720;

/**
 * Puts the sender budget (senderBudget.ts) on the video sender of every call. Calls not negotiated yet
 * have no encodings and are skipped; the mesh applies the budget again once they connect.
 */
export function applySenderBudget(senders: MeshSenders): void {
  const cameraHeight = senders.cameraTrack?.getSettings().height ?? DEFAULT_CAMERA_HEIGHT;
  const screens = [...senders.screen].filter((pc) => pc !== null);
  const budget = senderBudget({
    participants: senders.participants,
    sharingScreen: screens.length > 0,
    cameraHeight,
    budgetBps: senders.budgetBps,
  });
  const { logger } = senders;
  // With one other person a single camera stream fits the budget whatever its bitrate, so its bitrate is left to
  // Chromium: a maxBitrate on that sender kept a camera that came on after the camera-off placeholder at a
  // downscaled size for many seconds (the bandwidth estimate stopped probing upwards). Seen in cameraOn.spec.ts.
  const camera = senders.participants <= 2 ? { ...budget.camera, maxBitrate: undefined } : budget.camera;
  for (const pc of senders.camera) if (pc) limitVideo(pc, camera, logger);
  if (budget.screen) for (const pc of screens) limitVideo(pc, budget.screen, logger);
}

function limitVideo(
  pc: RTCPeerConnection,
  limits: Omit<SenderLimits, 'maxBitrate'> & { maxBitrate: number | undefined },
  logger: Logger,
): void {
  if (pc.connectionState === 'closed') return;
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const parameters = sender.getParameters();
    const encoding = parameters.encodings[0];
    if (!encoding) continue;
    if (
      encoding.maxBitrate === limits.maxBitrate &&
      encoding.maxFramerate === limits.maxFramerate &&
      encoding.scaleResolutionDownBy === limits.scaleResolutionDownBy
    ) {
      continue;
    }
    if (limits.maxBitrate === undefined) delete encoding.maxBitrate;
    else encoding.maxBitrate = limits.maxBitrate;
    encoding.maxFramerate = limits.maxFramerate;
    encoding.scaleResolutionDownBy = limits.scaleResolutionDownBy;
    parameters.degradationPreference = limits.degradationPreference;
    sender.setParameters(parameters).catch((error: unknown) => {
      logger.warn('could not limit what a call sends', error);
    });
  }
}

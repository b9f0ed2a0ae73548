import type { Logger } from '../util/logger.js';
import { senderBudget, type SenderLimits } from './senderBudget.js';

export interface MeshSenders {
  /** People in the meeting, this person included. */
  participants: number;
  /**
   * The video senders of open calls that carry our camera, and those that carry our screen: a camera call's
   * screen slot while we share on it, and the video sender of each screen call.
   */
  camera: readonly RTCRtpSender[];
  screen: readonly RTCRtpSender[];
  /**
   * Screen slots that carry nothing now: they get the limits a screen would have, so that starting a share is only
   * a `replaceTrack` on them, with no encoder reconfiguration at that moment (they send nothing meanwhile).
   */
  idleScreen?: readonly RTCRtpSender[];
  /** The camera track being sent (or its placeholder), for its captured height. */
  cameraTrack: MediaStreamTrack | null;
  /** False while the camera is off and its calls carry the black placeholder. */
  cameraOn: boolean;
  budgetBps?: number;
  logger: Logger;
}

/** Reads the captured size when the track reports one; the camera's requested height otherwise. */
const DEFAULT_CAMERA_HEIGHT = 720;
/**
 * The bitrate cap on a camera stream while the camera is off: the placeholder (a black frame a second) needs
 * far less. Lifting the cap back to the budget when the camera comes on raises the connection's total allocated
 * bitrate, and Chromium probes the link at once when that happens while little is sent (its probe controller,
 * `OnMaxTotalAllocatedBitrate` in application-limited state); with the cap unchanged nothing prompted a probe, the
 * bandwidth estimate climbed from what the placeholder needed, and at three people and more the others saw the
 * camera downscaled for seconds.
 */
export const PLACEHOLDER_MAX_BPS = 100_000;

/**
 * How the encoder of a camera that is off adapts its placeholder: never by its size. Chromium otherwise picks a
 * smaller size for a stream whose first frames meet a low bandwidth estimate (the placeholder's first frame often
 * comes while the estimate is still at its start, 300 kbps, shared with the call's other senders), and the
 * camera turned on later inherited that size: at two people the others saw 320x180 for 8 to 12 s, even with the
 * estimate above 1 Mbps a second after the camera came on. The placeholder is one black frame a second, so its
 * frame rate costs nothing; the camera gets the budget's own preference back.
 */
export const PLACEHOLDER_DEGRADATION: RTCDegradationPreference = 'maintain-resolution';

/**
 * Puts the sender budget (senderBudget.ts) on every video sender. Senders not negotiated yet have no
 * encodings and are skipped; the mesh applies the budget again once their calls connect.
 */
export function applySenderBudget(senders: MeshSenders): void {
  const cameraHeight = senders.cameraTrack?.getSettings().height ?? DEFAULT_CAMERA_HEIGHT;
  const budget = senderBudget({
    participants: senders.participants,
    sharingScreen: senders.screen.length > 0,
    cameraHeight,
    budgetBps: senders.budgetBps,
  });
  const { logger } = senders;
  // With one other person a single camera stream fits the budget whatever its bitrate, so its bitrate is left to
  // Chromium: a maxBitrate on that sender kept a camera that came on after the camera-off placeholder at a
  // downscaled size for many seconds (the bandwidth estimate stopped probing upwards). Seen in cameraOn.spec.ts.
  // Three people and more: capped low while the camera is off, so that turning it on lifts the cap (see
  // PLACEHOLDER_MAX_BPS).
  const bitrate =
    senders.participants <= 2
      ? { ...budget.camera, maxBitrate: undefined }
      : senders.cameraOn
        ? budget.camera
        : { ...budget.camera, maxBitrate: Math.min(budget.camera.maxBitrate, PLACEHOLDER_MAX_BPS) };
  // The placeholder keeps its size, whatever the bandwidth estimate (see PLACEHOLDER_DEGRADATION).
  const camera = senders.cameraOn ? bitrate : { ...bitrate, degradationPreference: PLACEHOLDER_DEGRADATION };
  for (const sender of senders.camera) limitVideo(sender, camera, logger);
  if (budget.screen) for (const sender of senders.screen) limitVideo(sender, budget.screen, logger);
  const idle = senders.idleScreen ?? [];
  if (idle.length === 0) return;
  // What a share would get now: a share starting on these slots finds its limits in place.
  const ready = senderBudget({
    participants: senders.participants,
    sharingScreen: true,
    cameraHeight,
    budgetBps: senders.budgetBps,
  }).screen;
  if (ready) for (const sender of idle) limitVideo(sender, ready, logger);
}

/**
 * The limits last put on each sender. Reading a sender's parameters is a synchronous round trip to WebRTC's own
 * thread, which waits behind whatever that thread is doing (at a share's start: switching the slot's track), so
 * limits that did not change are not read again.
 */
const applied = new WeakMap<RTCRtpSender, string>();

function limitVideo(
  sender: RTCRtpSender,
  limits: Omit<SenderLimits, 'maxBitrate'> & { maxBitrate: number | undefined },
  logger: Logger,
): void {
  const key = JSON.stringify([
    limits.maxBitrate ?? null,
    limits.maxFramerate,
    limits.scaleResolutionDownBy,
    limits.degradationPreference,
  ]);
  if (applied.get(sender) === key) return;
  const parameters = sender.getParameters();
  const encoding = parameters.encodings[0];
  if (!encoding) return;
  applied.set(sender, key);
  if (
    encoding.maxBitrate === limits.maxBitrate &&
    encoding.maxFramerate === limits.maxFramerate &&
    encoding.scaleResolutionDownBy === limits.scaleResolutionDownBy &&
    parameters.degradationPreference === limits.degradationPreference
  ) {
    return;
  }
  if (limits.maxBitrate === undefined) delete encoding.maxBitrate;
  else encoding.maxBitrate = limits.maxBitrate;
  encoding.maxFramerate = limits.maxFramerate;
  encoding.scaleResolutionDownBy = limits.scaleResolutionDownBy;
  parameters.degradationPreference = limits.degradationPreference;
  sender.setParameters(parameters).catch((error: unknown) => {
    if (applied.get(sender) === key) applied.delete(sender);
    logger.warn('could not limit what a call sends', error);
  });
}

import type { LocalMedia } from './localMedia.js';
import type { MeetingCalls } from './createMeetingCalls.js';
import type { ModerationStore } from './moderationStore.js';
import type { SignalingChannel } from './signalingChannel.js';

const LEAVE_ACK_MS = 1_500;

/** What a meeting's end lets go of (`MeetingClient.finish`). */
export interface MeetingTeardown extends Omit<MeetingCalls, 'preparation'> {
  /** What `wireMeeting` connected. */
  disposers: (() => void)[];
  moderation: Pick<ModerationStore, 'dispose'>;
  media: Pick<LocalMedia, 'stop'>;
  signaling: SignalingChannel;
}

/**
 * The single teardown of a meeting: listeners, timers, the SFU and TURN refreshes stop; camera, microphone and
 * screen are released at once; the calls end after the server knows we left (when `sendLeave`), so the others see
 * us leave instead of a call that dropped and is being re-dialled.
 */
export async function tearDownMeeting(parts: MeetingTeardown, sendLeave: boolean): Promise<void> {
  const { signaling } = parts;
  for (const dispose of parts.disposers.splice(0)) dispose();
  parts.moderation.dispose();
  parts.joiner.cancel();
  parts.roster.stopTimers();
  parts.sfu.stop();
  parts.ice.stop();
  parts.screen.release();
  parts.media.stop();
  if (sendLeave && signaling.connected) await signaling.request('meeting:leave', {}, { timeoutMs: LEAVE_ACK_MS });
  parts.peers.destroy();
  signaling.close();
}

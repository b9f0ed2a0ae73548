import type { CallState } from '../../call/callState.js';
import type { StreamKind } from '../../call/streamKind.js';
import type { Voice } from './speakingMonitor.js';

/**
 * Everyone's voice as the client has it: our microphone track, and the audio of each camera stream we receive.
 * `stream` is `MeetingClient.stream`; a microphone that is off makes the person muted.
 */
export function meetingVoices(
  state: CallState,
  microphone: MediaStreamTrack | null,
  stream: (peerId: string, kind: StreamKind) => MediaStream | null,
): Voice[] {
  const voices: Voice[] = [];
  if (state.self) voices.push({ peerId: state.self.peerId, track: microphone, unmuted: state.local.audio });
  for (const tile of state.remotes) {
    const camera = tile.cameraStreamId ? stream(tile.peerId, 'camera') : null;
    voices.push({ peerId: tile.peerId, track: camera?.getAudioTracks()[0] ?? null, unmuted: tile.media.audio });
  }
  return voices;
}

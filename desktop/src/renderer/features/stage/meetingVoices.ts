import type { CallState, LocalState } from '../../call/callState.js';
import type { StreamKind } from '../../call/streamKind.js';
import type { Voice } from './speakingMonitor.js';

/**
 * Everyone's voice as the client has it: our microphone track, and for each remote person either the audio of
 * the camera stream we receive from them peer to peer, or, when the SFU carries their voice, whether Janus says
 * they talk (`talkingBySfu`: null when it does not carry it): in an SFU meeting the SFU's audio levels decide,
 * and the client measures no received audio. `stream` is `MeetingClient.stream`; a microphone that is off makes
 * the person muted. Only the parts of the call it reads are asked for (the stage has them apart: MeetingTiles).
 */
export function meetingVoices(
  state: Pick<CallState, 'self' | 'remotes'> & { local: Pick<LocalState, 'audio'> },
  microphone: MediaStreamTrack | null,
  stream: (peerId: string, kind: StreamKind) => MediaStream | null,
  talkingBySfu: (peerId: string) => boolean | null = () => null,
): Voice[] {
  const voices: Voice[] = [];
  if (state.self) voices.push({ peerId: state.self.peerId, track: microphone, unmuted: state.local.audio });
  for (const tile of state.remotes) {
    const unmuted = tile.media.audio;
    const talking = talkingBySfu(tile.peerId);
    if (talking !== null) {
      voices.push({ peerId: tile.peerId, talking, unmuted });
      continue;
    }
    const camera = tile.cameraStreamId ? stream(tile.peerId, 'camera') : null;
    voices.push({ peerId: tile.peerId, track: camera?.getAudioTracks()[0] ?? null, unmuted });
  }
  return voices;
}

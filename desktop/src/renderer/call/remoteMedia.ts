import type { MeetingSfu } from './meetingSfu.js';
import type { PeerMesh } from './peerMesh.js';
import type { StreamKind } from './streamKind.js';
import type { TalkingPeers } from './talkingPeers.js';

/**
 * The others' media as the meeting view reads it (`MeetingClient.remote`): a person's streams and talking come from
 * the SFU while it carries them, from their mesh call otherwise.
 */
export class RemoteMedia {
  constructor(
    private readonly peers: Pick<PeerMesh, 'stream' | 'stats'>,
    private readonly sfu: Pick<MeetingSfu, 'owns' | 'stream' | 'talkers' | 'talking' | 'setTileWidth'>,
  ) {}

  /** A remote participant's camera or screen stream, for a <video> element. */
  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.sfu.owns(peerId) ? this.sfu.stream(peerId, kind) : this.peers.stream(peerId, kind);
  }

  /** Who the SFU says is talking (for React: re-read `talkingBySfu` when it changes). */
  get sfuTalkers(): Pick<TalkingPeers, 'subscribe' | 'getSnapshot'> {
    return this.sfu.talkers;
  }

  /**
   * Whether this person is talking as the SFU hears them (Janus's talking events), when the SFU carries their
   * voice; null when it comes over the mesh, where the client measures the audio it receives.
   */
  talkingBySfu(peerId: string): boolean | null {
    return this.sfu.talking(peerId);
  }

  /**
   * How wide (CSS pixels) a remote person's camera tile is shown: in an SFU meeting their camera is received at
   * the simulcast layer that fits.
   */
  tileWidth(peerId: string, width: number): void {
    this.sfu.setTileWidth(peerId, width);
  }

  /** The statistics of our camera call with a remote participant, for the connection quality on their tile. */
  stats(peerId: string): Promise<RTCStatsReport | null> {
    return this.peers.stats(peerId);
  }
}

import type { CallLink } from './callLink.js';
import type { MeshScreens } from './meshScreens.js';

/** The video senders of the mesh, by what they carry, for the upload budget (applySenderBudget.ts). */
export interface MeshVideoSenders {
  camera: RTCRtpSender[];
  /** Screen slots carrying our share, and our screen calls. */
  screen: RTCRtpSender[];
  /** Screen slots the other side took while we do not share. */
  idleScreen: RTCRtpSender[];
}

/** Sorts the video senders of each camera call (its slot apart) and of our screen calls. */
export function meshVideoSenders(
  cameraLinks: ReadonlyMap<string, CallLink>,
  screens: Pick<MeshScreens, 'currentSlot' | 'stream' | 'links'>,
): MeshVideoSenders {
  const camera: RTCRtpSender[] = [];
  const screen: RTCRtpSender[] = [];
  const idleScreen: RTCRtpSender[] = [];
  for (const [peerId, link] of cameraLinks) {
    const slot = screens.currentSlot(peerId);
    for (const transceiver of videoTransceivers(link.peerConnection)) {
      if (!slot?.owns(transceiver)) camera.push(transceiver.sender);
      else if (slot.accepted) (screens.stream ? screen : idleScreen).push(transceiver.sender);
    }
  }
  for (const link of screens.links())
    for (const transceiver of videoTransceivers(link.peerConnection)) screen.push(transceiver.sender);
  return { camera, screen, idleScreen };
}

/** The video transceivers of a call that is still open (none before it is placed). */
function videoTransceivers(pc: RTCPeerConnection | null): RTCRtpTransceiver[] {
  if (!pc || pc.connectionState === 'closed') return [];
  return pc
    .getTransceivers()
    .filter((transceiver) => transceiver.receiver.track.kind === 'video' && transceiver.currentDirection !== 'stopped');
}

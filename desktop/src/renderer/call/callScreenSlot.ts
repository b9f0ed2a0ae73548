import type { ScreenSlot } from '@wava/protocol';
import type { Logger } from '../util/logger.js';
import { mediaSectionMids, type ScreenSlotPlan } from './screenSlotPlan.js';

/**
 * The screen slot of one camera call: the spare video (and audio) transceivers negotiated with it, at the media
 * sections the caller announced (`metadata.screenSlot`). Idle they carry no track and cost nothing; a share is
 * `replaceTrack(screenTrack)` on them, with no new call and no renegotiation. What the other side sends on them is
 * its screen, kept out of its camera stream.
 */
export class CallScreenSlot {
  private sent: MediaStreamTrack | null = null;
  private sentAudio: MediaStreamTrack | null = null;
  private camera: { from: MediaStream; stream: MediaStream } | null = null;
  private screen: MediaStream | null = null;
  private mids: (string | null)[] | null = null;

  private constructor(
    readonly pc: RTCPeerConnection,
    private readonly video: RTCRtpTransceiver,
    private readonly audio: RTCRtpTransceiver | null,
    private readonly slot: ScreenSlot,
    private readonly logger: Logger,
  ) {}

  /**
   * Right after PeerJS placed or answered the call with `plan`'s tracks (it adds them at once): finds the spares'
   * transceivers, takes the spares off them (nothing is sent until a share starts) and stops the spares. `slot` is
   * what the caller announced. Null when the call holds no spare video sender.
   */
  static bind(
    pc: RTCPeerConnection | null | undefined,
    plan: ScreenSlotPlan,
    slot: ScreenSlot,
    logger: Logger,
  ): CallScreenSlot | null {
    const holding = (track: MediaStreamTrack | null) =>
      track ? (pc?.getTransceivers().find((t) => t.sender.track === track) ?? null) : null;
    const video = holding(plan.spare.video);
    const audio = slot.audio === undefined ? null : holding(plan.spare.audio);
    const bound = pc && video ? new CallScreenSlot(pc, video, audio, slot, logger) : null;
    for (const transceiver of [video, audio]) if (transceiver) bound?.replace(transceiver, null);
    plan.spare.video.stop();
    plan.spare.audio?.stop();
    return bound;
  }

  /** Both sides hold the slot: its video section was negotiated `sendrecv` where the caller announced it. */
  get accepted(): boolean {
    return this.holds(this.video, this.slot.video);
  }

  /**
   * The other side can send its screen on the slot: its section is where the caller announced it and the answer
   * did not refuse it. True on the answering side as soon as the offer is applied (before the call connects), so
   * a share already on reaches the stage with the call's first frames.
   */
  get receiving(): boolean {
    const direction = this.video.currentDirection;
    const open = direction === null || direction === 'sendrecv' || direction === 'recvonly';
    return open && this.inSection(this.video, this.slot.video);
  }

  /** Whether this transceiver is the slot's: camera and microphone swaps leave it alone. */
  owns(transceiver: RTCRtpTransceiver): boolean {
    return transceiver === this.video || transceiver === this.audio;
  }

  /** The sender that carries our screen while we share through the slot (for the sender budget). */
  get videoSender(): RTCRtpSender {
    return this.video.sender;
  }

  /** Sends this screen on the slot, or nothing (null). Its sound goes too when the slot has a sound section. */
  send(screen: MediaStream | null): void {
    // Everything is decided before the first switch: once WebRTC's thread is busy switching a track, reading the
    // call's state from here waits for it.
    const video = screen?.getVideoTracks()[0] ?? null;
    const audio = this.audio && this.holds(this.audio, this.slot.audio) ? (screen?.getAudioTracks()[0] ?? null) : null;
    if (video !== this.sent) {
      this.sent = video;
      this.replace(this.video, video);
    }
    if (this.audio && audio !== this.sentAudio) {
      this.sentAudio = audio;
      this.replace(this.audio, audio);
    }
  }

  /** The receiver of their screen's picture on the slot. */
  get videoReceiver(): RTCRtpReceiver {
    return this.video.receiver;
  }

  /** What the other side sends on the slot: their screen (it has frames only while they share). */
  screenStream(): MediaStream {
    this.screen ??= new MediaStream(this.receivedTracks());
    return this.screen;
  }

  /** Their camera stream without the slot's tracks (the caller's spares share its camera stream's msid). */
  cameraStream(remote: MediaStream): MediaStream {
    if (this.camera?.from === remote) return this.camera.stream;
    const slotTracks = this.receivedTracks();
    const tracks = remote.getTracks().filter((track) => !slotTracks.includes(track));
    const stream = tracks.length === remote.getTracks().length ? remote : new MediaStream(tracks);
    this.camera = { from: remote, stream };
    return stream;
  }

  private receivedTracks(): MediaStreamTrack[] {
    const tracks: MediaStreamTrack[] = [];
    if (this.inSection(this.video, this.slot.video)) tracks.push(this.video.receiver.track);
    if (this.audio && this.inSection(this.audio, this.slot.audio)) tracks.push(this.audio.receiver.track);
    return tracks;
  }

  private holds(transceiver: RTCRtpTransceiver, index: number | undefined): boolean {
    return transceiver.currentDirection === 'sendrecv' && this.inSection(transceiver, index);
  }

  /** The transceiver sits at the media section `index` of the call's descriptions. */
  private inSection(transceiver: RTCRtpTransceiver, index: number | undefined): boolean {
    const mids = this.remoteMids();
    if (index === undefined || !mids || transceiver.mid === null) return false;
    return mids[index] === transceiver.mid;
  }

  /**
   * The `a=mid` of each section of the other side's description, read once it is there: PeerJS never renegotiates
   * a call, so they stay as they are, and reading the description is a round trip to WebRTC's thread each time.
   */
  private remoteMids(): (string | null)[] | null {
    if (this.mids) return this.mids;
    const sdp = this.pc.remoteDescription?.sdp;
    if (sdp) this.mids = mediaSectionMids(sdp);
    return this.mids;
  }

  private replace(transceiver: RTCRtpTransceiver, track: MediaStreamTrack | null): void {
    if (this.pc.signalingState === 'closed') return;
    transceiver.sender.replaceTrack(track).catch((error: unknown) => {
      if (this.pc.signalingState !== 'closed') this.logger.warn('could not switch the screen slot', error);
    });
  }
}

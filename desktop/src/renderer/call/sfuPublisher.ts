import type { SfuStreamDescription } from '@wava/protocol';
import type { JanusConnection } from './janusConnection.js';

/**
 * The camera's three simulcast layers, smallest first (VideoRoom substreams 0, 1, 2): a quarter, half and the
 * full camera size, from the SFU capture of 960x540 240x135, 480x270 and 960x540 (simulcastLayer.ts picks one
 * per tile from these widths). Chromium sends all three only from a capture of 960x540 up: from a smaller camera
 * it drops the top one, and Janus forwards the best layer it still gets.
 */
export const CAMERA_LAYERS: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/**
 * Our one upload to the SFU: a publisher connection with the microphone, the camera (simulcast, three layers)
 * and, while we share, the screen as a second video stream. Joining the room is the caller's; this negotiates
 * with `publish` and, when the screen starts or stops, `configure`.
 */
export class SfuPublisher {
  readonly pc: RTCPeerConnection;
  private readonly audio: RTCRtpTransceiver;
  private readonly camera: RTCRtpTransceiver;
  private screen: RTCRtpTransceiver | null = null;
  private queue: Promise<void> = Promise.resolve();
  private published = false;

  constructor(
    private readonly janus: JanusConnection,
    private readonly handle: number,
    config: RTCConfiguration,
    send: MediaStream,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.pc.addEventListener('icecandidate', (event) => janus.trickle(handle, event.candidate?.toJSON() ?? null));
    const [audioTrack = null] = send.getAudioTracks();
    const [videoTrack = null] = send.getVideoTracks();
    this.audio = this.pc.addTransceiver(audioTrack ?? 'audio', { direction: 'sendonly', streams: [send] });
    this.camera = this.pc.addTransceiver(videoTrack ?? 'video', {
      direction: 'sendonly',
      streams: [send],
      sendEncodings: CAMERA_LAYERS,
    });
  }

  /** Publishes what is set up (and the screen, if given); resolves once Janus answered. */
  publish(screen: MediaStream | null): Promise<void> {
    if (screen) this.addScreen(screen);
    return this.negotiate('publish');
  }

  /** Swaps the microphone or camera track (mute, device switch) without renegotiating. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const sender = kind === 'audio' ? this.audio.sender : this.camera.sender;
    return sender.replaceTrack(track);
  }

  /** Starts (a stream) or stops (null) publishing the screen: a renegotiation with `configure`. */
  setScreen(stream: MediaStream | null): Promise<void> {
    if (stream) this.addScreen(stream);
    else if (this.screen) {
      void this.screen.sender.replaceTrack(null);
      this.screen.direction = 'inactive';
    }
    return this.published ? this.negotiate('configure') : Promise.resolve();
  }

  close(): void {
    this.pc.close();
  }

  private addScreen(stream: MediaStream): void {
    const [track] = stream.getVideoTracks();
    if (!track) return;
    if (this.screen) {
      void this.screen.sender.replaceTrack(track);
      this.screen.direction = 'sendonly';
    } else {
      this.screen = this.pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    }
  }

  /** One offer/answer at a time; each sends the streams' descriptions so receivers tell camera from screen. */
  private negotiate(request: 'publish' | 'configure'): Promise<void> {
    const run = async () => {
      const offer = await this.pc.createOffer();
      await this.pc.setLocalDescription(offer);
      const descriptions: { mid: string; description: SfuStreamDescription }[] = [];
      if (this.camera.mid) descriptions.push({ mid: this.camera.mid, description: 'camera' });
      if (this.screen?.mid) descriptions.push({ mid: this.screen.mid, description: 'screen' });
      // Our layers are listed smallest first; Janus assumes largest first unless told.
      const { jsep } = await this.janus.message(this.handle, { request, descriptions }, { ...offer, rid_order: 'lmh' });
      if (!jsep || jsep.type !== 'answer') throw new Error(`Janus sent no answer to ${request}`);
      await this.pc.setRemoteDescription(jsep);
      this.published = true;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

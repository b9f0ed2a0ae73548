import type { IceConfig, PeerCredentials } from '@wava/protocol';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import type { Logger } from '../util/logger.js';
import { applySenderBudget } from './applySenderBudget.js';
import { CallLink, type CallLinkOptions } from './callLink.js';
import type { ConnectionState } from './callState.js';
import type { MediaCall } from './mediaCall.js';
import type { MediaFailure } from './mediaFailure.js';
import { GraceTimers } from './graceTimers.js';
import { placesCameraCall } from './pairRule.js';
import type { PeerFactory } from './peerLike.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { MeshPeer } from './meshPeer.js';
import { MeshScreens } from './meshScreens.js';
import { meshVideoSenders } from './meshVideoSenders.js';
import { RemoteStreams } from './remoteStreams.js';
import { callKindOf, type StreamKind } from './streamKind.js';
import { UnknownCalls } from './unknownCalls.js';

export interface PeerMeshEvents {
  open: string;
  disconnected: undefined;
  error: { type: string; message: string };
  connection: { peerId: string; state: ConnectionState; failure: MediaFailure | null };
  stream: { peerId: string; kind: StreamKind; stream: MediaStream | null };
}

export interface PeerMeshOptions {
  createPeer: PeerFactory;
  server: { host: string; port: number; secure: boolean };
  policy: ReconnectPolicy;
  connectTimeoutMs: number;
  /** How long media to someone may stay down, shown as reconnecting, before their tile says it failed. */
  giveUpAfterMs: number;
  /**
   * How long a call the server has not announced yet is held before it is refused: a call from someone it has
   * not listed yet, or a screen call of its own from someone it does not list as sharing (heldScreenCalls.ts).
   */
  unknownCallGraceMs: number;
  /**
   * Whether a call from someone the server has not announced yet is answered at once. Our PeerJS server relays
   * only between seats of one meeting (a pre-seat reaches nobody), so its caller holds a seat that passed every
   * check of a join, and their `participant:joined` is on its way: answering does not wait for it. If it has not
   * come within `unknownCallGraceMs`, the call ends. False (our own seat not ready, or the SFU carrying the
   * meeting): the call is held unanswered until the announcement, and refused without it.
   */
  answersUnannounced(): boolean;
  /** What camera calls send: the local microphone and camera (or placeholders). */
  localStream(): MediaStream;
  /** Whether our server says this participant is sharing a screen now (their stage shows it). */
  remoteSharing(peerId: string): boolean;
  /** Whether the camera is on (off, the calls carry its placeholder). */
  cameraOn(): boolean;
  logger: Logger;
}

/**
 * The full mesh of PeerJS calls for one meeting: one camera call per remote participant (placed by the
 * side the pair rule picks), each with a screen slot (callScreenSlot.ts) that a share switches on with
 * `replaceTrack`; with a client that declines the slot, one more call per share (`kind: 'screen'`) each way.
 * Only participants the server announced are answered. It lasts the whole meeting: `start` again (a new
 * peer id) drops every call and begins anew; our screen share stays.
 */
export class PeerMesh {
  private readonly emitter = new Emitter<PeerMeshEvents>();
  private readonly streams = new RemoteStreams();
  private readonly participants = new Set<string>();
  private readonly cameraLinks = new Map<string, CallLink>();
  private microphoneOff = false;
  /** How every link of this mesh waits and retries. */
  private readonly timing: Pick<CallLinkOptions, 'policy' | 'connectTimeoutMs' | 'giveUpAfterMs' | 'logger'>;
  /** Our screen to each participant, and theirs to our stage (meshScreens.ts). */
  private readonly screens: MeshScreens;
  /** Our PeerJS Peer, which places and receives every call (meshPeer.ts). */
  private readonly peer: MeshPeer;
  /** Calls from someone the server has not announced yet (unknownCalls.ts). */
  private readonly unknownCalls: UnknownCalls;
  /** Callers answered before the server announced them: each is dropped unless the announcement comes in time. */
  private readonly unannounced: GraceTimers;

  constructor(private readonly options: PeerMeshOptions) {
    const { policy, connectTimeoutMs, giveUpAfterMs, logger } = options;
    this.timing = { policy, connectTimeoutMs, giveUpAfterMs, logger };
    this.unknownCalls = new UnknownCalls(options.unknownCallGraceMs);
    this.unannounced = new GraceTimers(options.unknownCallGraceMs);
    this.peer = new MeshPeer({
      createPeer: options.createPeer,
      server: options.server,
      logger,
      onOpen: (id) => {
        this.emitter.emit('open', id);
        for (const link of this.links()) link.resume();
      },
      onLost: () => this.emitter.emit('disconnected', undefined),
      onError: (error) => this.emitter.emit('error', error),
      onCall: (call) => {
        if (this.participants.has(call.peer)) {
          this.route(call);
          return;
        }
        this.unknownCalls.hold(call);
        if (!options.answersUnannounced()) return;
        // Answered now (as `addParticipant` answers held calls), the announcement is awaited in the background.
        this.unannounced.start(call.peer, (peerId) => this.removeParticipant(peerId));
        this.join(call.peer);
      },
    });
    this.screens = new MeshScreens({
      unknownCallGraceMs: options.unknownCallGraceMs,
      timing: this.timing,
      remoteSharing: (peerId) => options.remoteSharing(peerId),
      cameraLink: (peerId) => this.cameraLinks.get(peerId),
      localStream: () => options.localStream(),
      dial: (peerId, stream, metadata) => this.peer.dial(peerId, stream, metadata),
      configure: (pc) => this.peer.configure(pc),
      setStream: (peerId, kind, stream) => this.setStream(peerId, kind, stream),
      streamOnStage: (peerId, kind) => this.streams.get(peerId, kind),
      applyBudget: () => this.applyBudget(),
      logger,
    });
  }

  on<K extends keyof PeerMeshEvents>(event: K, listener: (payload: PeerMeshEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  get peerId(): string {
    return this.peer.id;
  }

  get open(): boolean {
    return this.peer.open;
  }

  /** Connects to the PeerJS server with the id and token our server issued; any earlier calls end. */
  start(credentials: PeerCredentials & { path: string; key: string }, ice: IceConfig): void {
    this.endCalls();
    this.peer.start(credentials, ice);
  }

  /** After our server handed out a fresh token: a new Peer if ours lost the PeerJS server (meshPeer.ts). */
  reconnect(token: string): void {
    this.peer.reconnect(token);
  }

  /** New TURN credentials: for the calls in progress, and for every call placed or answered from now on. */
  applyIce(ice: IceConfig): void {
    this.peer.applyIce(ice);
    for (const link of this.links()) this.peer.configure(link.peerConnection);
  }

  private links(): CallLink[] {
    return [...this.cameraLinks.values(), ...this.screens.links()];
  }

  /** A participant the server announced: call them if the pair rule says so, and send our screen. */
  addParticipant(peerId: string): void {
    this.announced(peerId);
    this.join(peerId);
  }

  /**
   * The server announced this person: a call of theirs answered before the news is kept (even while we call
   * nobody, the SFU carrying the meeting), instead of ending when the wait for the news is over.
   */
  announced(peerId: string): void {
    this.unannounced.cancel(peerId);
  }

  /** A participant, announced or answered early: their camera link, the calls they placed, our screen. */
  private join(peerId: string): void {
    if (peerId === this.peer.id || this.participants.has(peerId)) return;
    this.participants.add(peerId);
    const link = this.newCameraLink(peerId, placesCameraCall(this.peer.id, peerId));
    this.cameraLinks.set(peerId, link);
    const waiting = this.unknownCalls.release(peerId);
    for (const call of waiting) this.route(call);
    if (!link.live && !waiting.some((call) => callKindOf(call.metadata) === 'camera')) link.start();
    this.applyBudget();
  }

  removeParticipant(peerId: string): void {
    this.unannounced.cancel(peerId);
    this.participants.delete(peerId);
    this.screens.refuseHeld(peerId);
    this.cameraLinks.get(peerId)?.close();
    this.cameraLinks.delete(peerId);
    this.screens.remove(peerId);
    this.streams.remove(peerId);
    this.applyBudget();
  }

  /** Whether camera media to this participant is flowing right now. */
  isLive(peerId: string): boolean {
    return this.cameraLinks.get(peerId)?.live ?? false;
  }

  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.streams.get(peerId, kind);
  }

  /** The statistics of the camera call with this participant (loss, round trip, frame rate), if one is up. */
  async stats(peerId: string): Promise<RTCStatsReport | null> {
    const pc = this.cameraLinks.get(peerId)?.peerConnection;
    return pc ? pc.getStats() : null;
  }

  /** How many video frames the call carrying this participant's camera or screen to us has decoded. */
  async framesDecoded(peerId: string, kind: StreamKind): Promise<number> {
    const pc = kind === 'camera' ? this.cameraLinks.get(peerId)?.peerConnection : this.screens.incoming(peerId);
    if (!pc) return 0;
    let frames = 0;
    (await pc.getStats()).forEach((entry: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
    });
    return frames;
  }

  /** Swap the microphone or camera track on every call, without renegotiation. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const sent = kind === 'audio' && this.microphoneOff ? null : track;
    for (const link of this.cameraLinks.values()) link.replaceTrack(kind, sent);
    // The camera came on or went off: its calls' bitrate cap follows (applySenderBudget.ts, PLACEHOLDER_MAX_BPS).
    if (kind === 'video') this.applyBudget();
  }

  /**
   * Our microphone on or off. Off, the calls send no audio at all: a disabled track would still send packets of
   * silence, and a muted person's microphone must really stop. Calls that connect later start without it too.
   */
  setMicrophoneOn(on: boolean): void {
    if (this.microphoneOff === !on) return;
    this.microphoneOff = !on;
    const track = on ? (this.options.localStream().getAudioTracks()[0] ?? null) : null;
    for (const link of this.cameraLinks.values()) link.replaceTrack('audio', track);
  }

  /** Our share starts: on each call's screen slot, or by a call of its own to those whose client has no slot. */
  startScreen(stream: MediaStream): void {
    this.screens.share(stream);
    for (const peerId of this.cameraLinks.keys()) this.screens.route(peerId);
    this.applyBudget();
  }

  /** The server says whether this participant shares a screen now (meshScreens.ts). */
  screenChanged(peerId: string): void {
    this.screens.changed(peerId);
  }

  /** The video senders carrying our screen now: each call's screen slot, or our screen calls. */
  screenSenders(): RTCRtpSender[] {
    return meshVideoSenders(this.cameraLinks, this.screens).screen;
  }

  stopScreen(): void {
    this.screens.share(null);
    for (const peerId of this.cameraLinks.keys()) this.screens.route(peerId);
    this.applyBudget();
  }

  /**
   * Each person's upload stays within one budget (senderBudget.ts): applied when someone joins or leaves,
   * when a share starts or stops, and when a call (re)connects.
   */
  private applyBudget(): void {
    applySenderBudget({
      ...meshVideoSenders(this.cameraLinks, this.screens),
      participants: this.participants.size + 1,
      cameraTrack: this.options.localStream().getVideoTracks()[0] ?? null,
      cameraOn: this.options.cameraOn(),
      logger: this.options.logger,
    });
  }

  destroy(): void {
    this.stopScreen();
    this.endCalls();
    this.emitter.clear();
  }

  /** Every call, waiting call and Peer ends; the screen share and the listeners stay. */
  private endCalls(): void {
    for (const peerId of [...this.participants]) this.removeParticipant(peerId);
    this.screens.refuseAllHeld();
    this.unknownCalls.refuseAll();
    this.screens.cancelPictures();
    this.streams.clear();
    this.peer.destroy();
  }

  private route(call: MediaCall): void {
    const peerId = call.peer;
    if (callKindOf(call.metadata) === 'screen') {
      this.screens.receive(call);
      return;
    }
    let link = this.cameraLinks.get(peerId);
    if (!link) {
      link = this.newCameraLink(peerId, false);
      this.cameraLinks.set(peerId, link);
    }
    link.accept(call);
    this.peer.configure(call.peerConnection);
  }

  private newCameraLink(peerId: string, initiator: boolean): CallLink {
    const link: CallLink = new CallLink({
      ...this.timing,
      peerId,
      initiator,
      dial: () => this.screens.dialCamera(peerId),
      answer: (call) => this.screens.answerCamera(peerId, call),
      reserved: (transceiver) => this.screens.reserved(peerId, transceiver),
      onState: (state, failure) => {
        if (state === 'connected') {
          this.screens.route(peerId);
          this.screens.show(peerId);
          this.applyBudget();
        }
        if (state === 'connected' && this.microphoneOff) link.replaceTrack('audio', null);
        this.emitter.emit('connection', { peerId, state, failure });
      },
      onStream: (stream) => {
        const slot = this.screens.currentSlot(peerId);
        this.setStream(peerId, 'camera', stream && slot ? slot.cameraStream(stream) : stream);
        this.screens.show(peerId);
      },
    });
    return link;
  }

  private setStream(peerId: string, kind: StreamKind, stream: MediaStream | null): void {
    const changed = stream ? this.streams.add(peerId, kind, stream) : this.streams.remove(peerId, kind);
    if (changed) this.emitter.emit('stream', { peerId, kind, stream });
  }
}

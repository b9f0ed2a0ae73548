import { missingCaseError, type IceConfig, type MeetingMode } from '@wava/protocol';
import { drop } from '../util/drop.js';
import type { Logger } from '../util/logger.js';
import type { CallStore } from './callStore.js';
import { iceConfiguration } from './iceConfiguration.js';
import type { JanusClose } from './janusConnection.js';
import type { MeetingMesh } from './meetingMesh.js';
import { modeTransition } from './mediaModeTransition.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';
import { SfuMedia, type SfuMediaOptions, type SfuSession } from './sfuMedia.js';
import type { SignalingChannel } from './signalingChannel.js';
import type { StreamKind } from './streamKind.js';

const MESH_OVERLAP_MS = 5_000;
/** Janus's answer to a token it does not take: 403 from its core (create, attach), 433 from VideoRoom (join). */
const JANUS_REFUSAL = /^Janus error (403|433)\b/;

export interface MeetingSfuOptions {
  store: CallStore;
  signaling: Pick<SignalingChannel, 'request'>;
  /** The mesh: paused while the SFU carries the meeting, one person's call ended once their SFU media flows. */
  mesh: Pick<MeetingMesh, 'pauseCalls' | 'resumeCalls' | 'dropCall' | 'showCall'>;
  /** What we publish: the microphone and camera (or placeholders). */
  send(): MediaStream;
  /** Our screen share, if any. */
  screen(): MediaStream | null;
  policy: ReconnectPolicy;
  logger: Logger;
  /**
   * How long a person's mesh call is kept once their picture flows through the SFU: the other side's SFU
   * picture of us comes a moment later, and closing the call earlier would leave them without one meanwhile.
   */
  meshOverlapMs?: number;
  /** One SFU session; SfuMedia (Janus) unless a test supplies its own. */
  createSession?: (options: SfuMediaOptions) => SfuSession;
}

/**
 * Where the meeting's media flows, as the server's `meeting:mode` says: the PeerJS mesh, or Janus's VideoRoom
 * (SfuMedia). Going to the SFU is make before break: each person's mesh call ends only a moment after their media
 * flows through the SFU (so they get ours through it too meanwhile), and until then their tile keeps the mesh's
 * picture; the SFU carries their tile from then on (`owns`). Back to mesh, the server has already revoked our
 * SFU credentials: the mesh calls everyone anew (a call still in its overlap simply carries on).
 */
export class MeetingSfu {
  private mode: MeetingMode = { mode: 'mesh', maxParticipants: 1 };
  private media: SfuSession | null = null;
  /** People whose tile the SFU carries (their media arrived through it). */
  private readonly owned = new Set<string>();
  private config: RTCConfiguration = { iceServers: [] };
  private readonly retry: RetryTimer;
  /** Nobody can pin a tile yet (no pinning in the UI): the last-N speakers decide alone. */
  private readonly pinned: ReadonlySet<string> = new Set();
  private readonly tileWidths = new Map<string, number>();
  /** Mesh calls to end once the overlap is over, by person. */
  private readonly drops = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: MeetingSfuOptions) {
    this.retry = new RetryTimer(options.policy);
  }

  /** Whether the SFU carries this person's media (their tile shows its streams). */
  owns(peerId: string): boolean {
    return this.owned.has(peerId);
  }

  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.media?.stream(peerId, kind) ?? null;
  }

  /** The server's `meeting:mode` (or its answer to `sfu:credentials`). */
  modeChanged(next: MeetingMode): void {
    const transition = modeTransition(this.mode, next);
    this.mode = next;
    switch (transition) {
      case 'stay':
        // Same credentials while our session had ended: open it again.
        if (next.mode === 'sfu' && !this.media) this.startSfu();
        return;
      case 'to-sfu':
        this.options.mesh.pauseCalls();
        this.startSfu();
        return;
      case 'sfu-again':
        this.stopSfu();
        this.startSfu();
        return;
      case 'to-mesh':
        // A mesh call still in its overlap carries on as the mesh's call.
        this.cancelDrops();
        this.retry.cancel();
        this.stopSfu();
        this.release();
        this.options.mesh.resumeCalls();
        return;
      default:
        throw missingCaseError(transition);
    }
  }

  applyIce(ice: IceConfig): void {
    this.config = iceConfiguration(ice);
    this.media?.applyIce(this.config);
  }

  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    this.media?.replaceTrack(kind, track);
  }

  setScreen(stream: MediaStream | null): void {
    this.media?.setScreen(stream);
  }

  setTileWidth(peerId: string, width: number): void {
    this.tileWidths.set(peerId, width);
    this.media?.setTileWidth(peerId, width);
  }

  participantLeft(peerId: string): void {
    clearTimeout(this.drops.get(peerId));
    this.drops.delete(peerId);
    this.owned.delete(peerId);
    this.tileWidths.delete(peerId);
  }

  /** The meeting is over. */
  stop(): void {
    this.cancelDrops();
    this.retry.cancel();
    this.stopSfu();
  }

  private startSfu(): void {
    const mode = this.mode;
    if (mode.mode !== 'sfu') return;
    const { store, logger } = this.options;
    const createSession = this.options.createSession ?? ((o: SfuMediaOptions) => new SfuMedia(o));
    const media = createSession({
      mode,
      config: this.config,
      displayName: store.state.self?.displayName ?? '',
      send: this.options.send(),
      screen: this.options.screen(),
      pinned: this.pinned,
      logger,
    });
    this.media = media;
    for (const [peerId, width] of this.tileWidths) media.setTileWidth(peerId, width);
    media.on('stream', ({ peerId, kind, stream }) => {
      if (this.owned.has(peerId))
        store.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream?.id ?? null });
    });
    media.on('flowing', (peerId) => this.takeOver(peerId));
    media.on('connection', (state) => {
      if (state === 'connected') this.retry.reset();
      for (const peerId of this.owned)
        store.dispatch({ type: 'connection-changed', peerId, connection: state, mediaFailure: null });
    });
    media.on('ended', (close) => this.ended(media, close));
    drop(media.start());
  }

  /** This person's media flows through the SFU: their tile shows it, and the mesh call to them ends soon. */
  private takeOver(peerId: string): void {
    const { store, mesh } = this.options;
    if (!store.state.remotes.some((tile) => tile.peerId === peerId)) return;
    if (!this.owned.has(peerId) && !this.drops.has(peerId)) {
      const timer = setTimeout(() => {
        this.drops.delete(peerId);
        mesh.dropCall(peerId);
      }, this.options.meshOverlapMs ?? MESH_OVERLAP_MS);
      this.drops.set(peerId, timer);
    }
    this.owned.add(peerId);
    for (const kind of ['camera', 'screen'] as const)
      store.dispatch({ type: 'stream-changed', peerId, kind, streamId: this.stream(peerId, kind)?.id ?? null });
    store.dispatch({ type: 'connection-changed', peerId, connection: 'connected', mediaFailure: null });
  }

  /** The tiles the SFU carried go back to the mesh: a call still kept shows again, the others are called anew. */
  private release(): void {
    const owned = [...this.owned];
    this.owned.clear();
    for (const peerId of owned) this.options.mesh.showCall(peerId);
  }

  private cancelDrops(): void {
    for (const timer of this.drops.values()) clearTimeout(timer);
    this.drops.clear();
  }

  private stopSfu(): void {
    this.media?.stop();
    this.media = null;
  }

  /**
   * Our Janus session ended without us asking: credentials revoked (SFU_TOKEN_INVALID: ask which mode applies
   * now), the SFU unreachable (SFU_UNAVAILABLE: a new `meeting:mode` follows once the meeting moved, or we ask
   * again), or the network. The tiles say reconnecting meanwhile.
   */
  private ended(media: SfuSession, close: JanusClose | { code: 0; reason: string }): void {
    if (this.media !== media) return;
    this.media = null;
    const { store, logger } = this.options;
    logger.warn('SFU session ended', close.code, close.reason);
    for (const peerId of this.owned)
      store.dispatch({ type: 'connection-changed', peerId, connection: 'reconnecting', mediaFailure: null });
    const delayMs = close.reason === 'SFU_UNAVAILABLE' ? 1_000 : null;
    // Janus itself refused our token (it lost it): the server issues a new one when it sees that is so.
    const refused = JANUS_REFUSAL.test(close.reason) && this.mode.mode === 'sfu' ? this.mode.token : undefined;
    this.retry.schedule(() => drop(this.askMode(refused)), delayMs);
  }

  private async askMode(refused?: string): Promise<void> {
    const { signaling, store } = this.options;
    if (!store.active || this.mode.mode !== 'sfu' || this.media) return;
    const reply = await signaling.request('sfu:credentials', refused === undefined ? {} : { refused });
    if (!store.active) return;
    if (reply.ok) this.modeChanged(reply.data);
    else this.retry.schedule(() => drop(this.askMode(refused)));
  }
}

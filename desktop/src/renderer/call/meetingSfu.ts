import { missingCaseError, type IceConfig, type MeetingMode } from '@wava/protocol';
import { drop } from '../util/drop.js';
import type { Logger } from '../util/logger.js';
import type { ConnectionState } from './callState.js';
import type { CallStore } from './callStore.js';
import { iceConfiguration } from './iceConfiguration.js';
import type { JanusClose } from './janusConnection.js';
import type { MeetingMesh } from './meetingMesh.js';
import { modeTransition } from './mediaModeTransition.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';
import { SfuMedia, type SfuMediaOptions, type SfuSession } from './sfuMedia.js';
import { showTileMedia } from './showTileMedia.js';
import type { SignalingChannel } from './signalingChannel.js';
import type { StreamKind } from './streamKind.js';
import { TalkingPeers } from './talkingPeers.js';

/**
 * How long a mesh call is kept at most once the SFU carries that person, unless they say ours reaches them sooner
 * (`sfu:carried`). Long, because ending it early cuts their picture of us: on a busy machine their SFU subscription
 * took 25 s to connect (five people moving on two cores), and only a client of an older version, or a lost
 * message, leaves the call to this timer.
 */
export const MESH_OVERLAP_MS = 45_000;
/** Back to mesh: how often a tile still shown from the SFU checks whether its mesh call shows a picture. */
const PICTURE_CHECK_MS = 200;
/** Back to mesh: how long our SFU publication outlives the last tile it carried (the others switch too). */
const LEAVE_OVERLAP_MS = 2_000;
/** Janus's answer to a token it does not take: 403 from its core (create, attach), 433 from VideoRoom (join). */
const JANUS_REFUSAL = /^Janus error (403|433)\b/;

export interface MeetingSfuOptions {
  store: CallStore;
  signaling: Pick<SignalingChannel, 'request'>;
  /** The mesh: paused while the SFU carries the meeting, one person's call ended once their SFU media flows. */
  mesh: Pick<MeetingMesh, 'pauseCalls' | 'resumeCalls' | 'dropCall' | 'showCall' | 'showsPicture' | 'hasCall'>;
  /** What we publish: the microphone and camera (or placeholders). */
  send(): MediaStream;
  /** Our screen share, if any. */
  screen(): MediaStream | null;
  /** Where our media flows from now on (the camera is captured larger for the SFU's three simulcast layers). */
  captureFor?(mode: MeetingMode['mode']): void;
  policy: ReconnectPolicy;
  logger: Logger;
  /**
   * How long a person's mesh call is kept once their picture flows through the SFU when they have not said
   * (`sfu:carried`) that ours reaches them through it: a client of an older version, or a message lost. Closing the
   * call before their SFU picture of us shows would leave them without one meanwhile.
   */
  meshOverlapMs?: number;
  /** Back to mesh: how long we keep publishing to the SFU once every tile shows its mesh call (as above). */
  leaveOverlapMs?: number;
  /** One SFU session; SfuMedia (Janus) unless a test supplies its own. */
  createSession?: (options: SfuMediaOptions) => SfuSession;
}

/**
 * Where the meeting's media flows, as the server's `meeting:mode` says: the PeerJS mesh, or Janus's VideoRoom
 * (SfuMedia). Both moves are make before break.
 * - To the SFU: each person's mesh call ends only a moment after their media flows through the SFU (so they get
 *   ours through it too meanwhile), and until then their tile keeps the mesh's picture.
 * - Back to mesh (`sfuGraceMs`: our SFU credentials last that long): the session is kept, retiring, while the
 *   mesh calls everyone; each tile the SFU carried shows its mesh call once that call decoded a frame; the
 *   session ends a moment after the last tile switched, or when the grace is nearly over.
 * - Back to the SFU within the grace: the server places the meeting in the same room again, with the same
 *   credentials, and the retiring session simply carries on (no new publication); a retiring session in any
 *   other room ends at once, before the new one starts. We never publish twice.
 * Each tile carried by the SFU belongs to one session (`owners`): the current one, or one retiring.
 */
export class MeetingSfu {
  private mode: MeetingMode = { mode: 'mesh', maxParticipants: 1 };
  private media: SfuSession | null = null;
  /** People whose tile the SFU carries (their media arrived through it), and the session carrying it. */
  private readonly owners = new Map<string, SfuSession>();
  /** Sessions left for the mesh, kept until their tiles show mesh calls: the timer that ends each. */
  private readonly retiring = new Map<SfuSession, { timer: ReturnType<typeof setTimeout>; until: number }>();
  private pictureCheck: ReturnType<typeof setTimeout> | null = null;
  private config: RTCConfiguration = { iceServers: [] };
  private readonly retry: RetryTimer;
  /** Nobody can pin a tile yet (no pinning in the UI): the last-N speakers decide alone. */
  private readonly pinned: ReadonlySet<string> = new Set();
  private readonly tileWidths = new Map<string, number>();
  /** Mesh calls to end once the overlap is over, by person. */
  private readonly drops = new Map<string, ReturnType<typeof setTimeout>>();
  /** People who said our media reaches them through the SFU (`sfu:carried`): our mesh call to them can end. */
  private readonly carriedFor = new Set<string>();
  /** Who Janus says is talking, while our SFU session runs. */
  readonly talkers = new TalkingPeers();

  constructor(private readonly options: MeetingSfuOptions) {
    this.retry = new RetryTimer(options.policy);
  }

  /** Whether the SFU carries this person's media (their tile shows its streams). */
  owns(peerId: string): boolean {
    return this.owners.has(peerId);
  }

  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return (this.owners.get(peerId) ?? this.media)?.stream(peerId, kind) ?? null;
  }

  /**
   * Whether Janus says this person is talking, when the SFU carries their voice; null while the mesh carries it
   * (the client then listens to the audio it receives itself).
   */
  talking(peerId: string): boolean | null {
    return this.owners.has(peerId) ? this.talkers.getSnapshot().has(peerId) : null;
  }

  /** The server's `meeting:mode` (or its answer to `sfu:credentials`). */
  modeChanged(next: MeetingMode): void {
    const transition = modeTransition(this.mode, next);
    this.mode = next;
    this.options.captureFor?.(next.mode);
    switch (transition) {
      case 'stay':
        // Same credentials while our session had ended: open it again.
        if (next.mode === 'sfu' && !this.media) this.startSfu();
        return;
      case 'to-sfu': {
        // Placed on the SFU again within the grace: the session still in that room carries on (never two).
        const kept = this.keepRetiring(next);
        this.options.mesh.pauseCalls();
        if (kept) this.resume(kept);
        else this.startSfu();
        return;
      }
      case 'sfu-again':
        this.stopSfu();
        this.startSfu();
        return;
      case 'to-mesh': {
        // A mesh call still in its overlap carries on as the mesh's call.
        this.cancelDrops();
        this.retry.cancel();
        const media = this.media;
        this.media = null;
        const graceMs = next.mode === 'mesh' ? (next.sfuGraceMs ?? 0) : 0;
        if (media && graceMs > 0) this.retire(media, graceMs);
        else {
          media?.stop();
          this.talkers.clear();
        }
        // Tiles of a session that is over go back to the mesh now.
        for (const [peerId, owner] of [...this.owners]) if (!this.retiring.has(owner)) this.release(peerId);
        this.options.mesh.resumeCalls();
        return;
      }
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
    for (const session of this.retiring.keys()) session.replaceTrack(kind, track);
  }

  setScreen(stream: MediaStream | null): void {
    this.media?.setScreen(stream);
    for (const session of this.retiring.keys()) session.setScreen(stream);
  }

  setTileWidth(peerId: string, width: number): void {
    this.tileWidths.set(peerId, width);
    this.media?.setTileWidth(peerId, width);
  }

  /**
   * Someone joined (the server's news): under load their media can flow through the SFU before that news comes,
   * when their tile did not exist yet to take it; it takes it now.
   */
  participantJoined(peerId: string): void {
    if (this.media?.isFlowing(peerId) && this.owners.get(peerId) !== this.media) this.takeOver(peerId);
  }

  /**
   * They say our media reaches them through the SFU (`sfu:carried`): once theirs reaches us through it too, the
   * mesh call with them ends now rather than after the overlap.
   */
  carriedBy(peerId: string): void {
    if (this.mode.mode !== 'sfu') return;
    this.carriedFor.add(peerId);
    if (this.drops.has(peerId)) this.dropCall(peerId);
  }

  participantLeft(peerId: string): void {
    clearTimeout(this.drops.get(peerId));
    this.drops.delete(peerId);
    this.carriedFor.delete(peerId);
    const owner = this.owners.get(peerId);
    this.owners.delete(peerId);
    this.tileWidths.delete(peerId);
    if (owner) this.leaveIfDone(owner);
    this.talkers.set(peerId, false);
  }

  /** The meeting is over. */
  stop(): void {
    this.cancelDrops();
    this.retry.cancel();
    this.stopSfu();
    for (const session of [...this.retiring.keys()]) this.endRetiring(session);
  }

  private startSfu(): void {
    const mode = this.mode;
    if (mode.mode !== 'sfu') return;
    const { store, logger } = this.options;
    const createSession = this.options.createSession ?? ((o: SfuMediaOptions) => new SfuMedia(o));
    // What people said of an earlier session's media says nothing of this one's.
    this.carriedFor.clear();
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
    // Tiles of an ended or replaced session stay the SFU's: this session's streams replace its own as they arrive.
    for (const [peerId, owner] of this.owners) if (!this.retiring.has(owner)) this.owners.set(peerId, media);
    for (const [peerId, width] of this.tileWidths) media.setTileWidth(peerId, width);
    media.on('stream', ({ peerId, kind, stream }) => {
      if (this.owners.get(peerId) === media)
        store.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream?.id ?? null });
    });
    media.on('flowing', (peerId) => this.media === media && this.takeOver(peerId));
    media.on('connection', (state) => {
      if (state === 'connected' && this.media === media) this.retry.reset();
      this.tilesConnection(media, state);
    });
    media.on('ended', (close) => this.ended(media, close));
    media.on('talking', ({ peerId, talking }) => this.talkers.set(peerId, talking));
    drop(media.start());
  }

  /** The tiles this session carries say how our connections to the SFU are. */
  private tilesConnection(media: SfuSession, connection: ConnectionState): void {
    for (const [peerId, owner] of this.owners) {
      if (owner === media)
        this.options.store.dispatch({ type: 'connection-changed', peerId, connection, mediaFailure: null });
    }
  }

  /** The mesh call to this person ends (their media and ours flow through the SFU, or the overlap is over). */
  private dropCall(peerId: string): void {
    clearTimeout(this.drops.get(peerId));
    this.drops.delete(peerId);
    this.options.mesh.dropCall(peerId);
  }

  /** This person's media flows through the SFU: their tile shows it, and the mesh call to them ends soon. */
  private takeOver(peerId: string): void {
    const { store, mesh } = this.options;
    const media = this.media;
    if (!media || !store.state.remotes.some((tile) => tile.peerId === peerId)) return;
    const before = this.owners.get(peerId);
    if (before !== media && !this.drops.has(peerId)) {
      // Tell them, so that they end the call once theirs shows too; we end it once they say the same of ours.
      if (mesh.hasCall(peerId)) drop(this.options.signaling.request('sfu:carried', { peerId }));
      const timer = setTimeout(() => this.dropCall(peerId), this.options.meshOverlapMs ?? MESH_OVERLAP_MS);
      this.drops.set(peerId, timer);
      if (this.carriedFor.has(peerId)) this.dropCall(peerId);
    }
    this.owners.set(peerId, media);
    showTileMedia(store, peerId, (kind) => this.stream(peerId, kind), 'connected');
    if (before && before !== media) this.leaveIfDone(before);
  }

  /** Their tile goes back to the mesh: the mesh's call shows again (or is being placed). */
  private release(peerId: string): void {
    this.owners.delete(peerId);
    this.talkers.set(peerId, false);
    this.options.mesh.showCall(peerId);
  }

  /**
   * Back to mesh with our SFU credentials valid a while: the session keeps carrying its tiles until their mesh
   * calls show pictures, at the latest until the grace is nearly over.
   */
  private retire(media: SfuSession, graceMs: number): void {
    const fallbackMs = Math.max(graceMs / 2, graceMs - 1_000);
    const until = Date.now() + fallbackMs;
    this.retiring.set(media, { timer: setTimeout(() => this.endRetiring(media), fallbackMs), until });
    this.leaveIfDone(media);
    this.checkPictures();
  }

  /**
   * Back on the SFU within the grace: every retiring session ends at once except one still in the room `next`
   * names with the same credentials, which is returned (the server placed the meeting there again).
   */
  private keepRetiring(next: MeetingMode): SfuSession | null {
    let kept: SfuSession | null = null;
    for (const session of [...this.retiring.keys()]) {
      if (kept === null && modeTransition(session.mode, next) === 'stay') kept = session;
      else this.endRetiring(session);
    }
    return kept;
  }

  /**
   * A retiring session is the meeting's session again, without publishing anew: each person whose media it
   * receives is the SFU's again as if it had just arrived (their tile shows it, and the mesh call placed
   * meanwhile ends after the overlap).
   */
  private resume(media: SfuSession): void {
    const retiring = this.retiring.get(media);
    if (retiring) clearTimeout(retiring.timer);
    this.retiring.delete(media);
    this.stopPictureCheck();
    this.media = media;
    media.applyIce(this.config);
    for (const [peerId, width] of this.tileWidths) media.setTileWidth(peerId, width);
    for (const [peerId, owner] of [...this.owners])
      if (owner === media && media.isFlowing(peerId)) this.owners.delete(peerId);
    for (const { peerId } of this.options.store.state.remotes) if (media.isFlowing(peerId)) this.takeOver(peerId);
  }

  /** A retiring session that carries no tile any more ends a moment later: the others switch to our mesh call. */
  private leaveIfDone(media: SfuSession): void {
    const retiring = this.retiring.get(media);
    if (!retiring || [...this.owners.values()].includes(media)) return;
    clearTimeout(retiring.timer);
    const leaveMs = Math.min(this.options.leaveOverlapMs ?? LEAVE_OVERLAP_MS, Math.max(0, retiring.until - Date.now()));
    retiring.timer = setTimeout(() => this.endRetiring(media), leaveMs);
  }

  /** The retiring session ends: any tile it still carries goes back to the mesh. */
  private endRetiring(media: SfuSession): void {
    const retiring = this.retiring.get(media);
    if (!retiring) return;
    clearTimeout(retiring.timer);
    this.retiring.delete(media);
    media.stop();
    for (const [peerId, owner] of [...this.owners]) if (owner === media) this.release(peerId);
    if (this.retiring.size === 0) this.stopPictureCheck();
  }

  private stopPictureCheck(): void {
    if (this.pictureCheck === null) return;
    clearTimeout(this.pictureCheck);
    this.pictureCheck = null;
  }

  /** Each tile a retiring session carries switches to its mesh call once that call shows a picture. */
  private checkPictures(): void {
    if (this.pictureCheck !== null || this.retiring.size === 0) return;
    this.pictureCheck = setTimeout(() => drop(this.switchTiles()), PICTURE_CHECK_MS);
  }

  private async switchTiles(): Promise<void> {
    const waiting = [...this.owners].filter(([, owner]) => this.retiring.has(owner));
    await Promise.all(
      waiting.map(async ([peerId, owner]) => {
        const screen = owner.stream(peerId, 'screen') !== null;
        const shows = await this.options.mesh.showsPicture(peerId, screen).catch(() => false);
        if (!shows || this.owners.get(peerId) !== owner || !this.retiring.has(owner)) return;
        this.release(peerId);
        this.leaveIfDone(owner);
      }),
    );
    this.pictureCheck = null;
    this.checkPictures();
  }

  private cancelDrops(): void {
    for (const timer of this.drops.values()) clearTimeout(timer);
    this.drops.clear();
    this.carriedFor.clear();
  }

  private stopSfu(): void {
    this.media?.stop();
    this.media = null;
    this.talkers.clear();
  }

  /**
   * A Janus session ended without us asking. A retiring one: its tiles go back to the mesh. The current one:
   * credentials revoked (SFU_TOKEN_INVALID: ask which mode applies now), the SFU unreachable (SFU_UNAVAILABLE: a
   * new `meeting:mode` follows once the meeting moved, or we ask again), or the network. The tiles say
   * reconnecting meanwhile.
   */
  private ended(media: SfuSession, close: JanusClose | { code: 0; reason: string }): void {
    if (this.retiring.has(media)) {
      this.endRetiring(media);
      return;
    }
    if (this.media !== media) return;
    this.media = null;
    this.talkers.clear();
    this.options.logger.warn('SFU session ended', close.code, close.reason);
    this.tilesConnection(media, 'reconnecting');
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

import { missingCaseError, type JoinResult, type Participant, type PrepareResult } from '@wava/protocol';
import type { Platform } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import type { Logger } from '../util/logger.js';
import { tileOf } from './callSelectors.js';
import type { CallStore } from './callStore.js';
import { GraceTimers } from './graceTimers.js';
import type { SignalingChannel } from './signalingChannel.js';
import { isPeerErrorKind, peerErrorResponse } from './peerErrorMessage.js';
import type { PeerMesh } from './peerMesh.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';
import { SCREEN_PICTURE_WAIT_MS } from './screenPictureWaits.js';
import { showTileMedia } from './showTileMedia.js';
import { i18n } from '../i18n/i18n.js';

/**
 * How long a new call may hold the meeting's store while it is set up (see `CallStore.hold`): the offer, the
 * answer and the ICE candidates pass through the main thread, so a render meanwhile delays the first picture.
 */
const CALL_SETUP_HOLD_MS = 400;

export interface MeetingMeshOptions {
  store: CallStore;
  signaling: SignalingChannel;
  /** The calls themselves; this class decides whom they reach and when. */
  peers: PeerMesh;
  platform: Platform;
  policy: ReconnectPolicy;
  /** How long a participant whose call still flows is kept after a server restart until they rejoin. */
  rejoinGraceMs: number;
  meetingLabel(): string;
  /** Whether another path (the SFU) carries this person's media now: their tile is not the mesh's to update. */
  carriedElsewhere(peerId: string): boolean;
  logger: Logger;
}

/**
 * The meeting's participants on the mesh: which of the people our server lists the PeerMesh calls
 * (only once our server knows our Peer is open), their tiles' connection and stream state, keeping calls
 * that still flow through a server restart, and our Peer's standing with the PeerJS server (a fresh
 * token when it lost it).
 */
export class MeetingMesh {
  private peerToken: string | null = null;
  /** Our server knows our Peer is open: participants may be called. */
  private ready = false;
  /**
   * Our server confirmed our seat (the join's answer, or `peer:ready`'s): who it announces from now on joined after
   * us, and is worth a notification. Before, the announcements are of who was already here.
   */
  private confirmed = false;
  /** We joined (before: the pre-join screen, where a prepared Peer waits and nothing is retried or shown). */
  private joined = false;
  /** Calls are placed: false while the meeting's media goes through the SFU. */
  private calling = true;
  private readonly grace: GraceTimers;
  private readonly peerRetry: RetryTimer;
  /** New calls being set up, each holding the store until its media connects (or fails, or the person leaves). */
  private readonly settingUp = new Map<string, () => void>();
  /**
   * Someone started sharing on their call with us: the store waits (at most SCREEN_PICTURE_WAIT_MS) until their
   * screen goes on the stage with its first picture, so the view changes once, and not while that picture is
   * captured, sent and decoded.
   */
  private readonly screenStarting = new Map<string, () => void>();

  constructor(private readonly options: MeetingMeshOptions) {
    this.grace = new GraceTimers(options.rejoinGraceMs);
    this.peerRetry = new RetryTimer(options.policy);
    const { peers, store } = options;
    peers.on('open', () => {
      this.peerRetry.reset();
      if (!this.joined) return;
      // Already ready (our server announced others to our seat): the banner need not wait for `peer:ready`.
      if (this.ready) this.updateBanner();
      drop(this.announceReady());
    });
    peers.on('disconnected', () => this.joined && this.peerLost());
    peers.on('error', ({ type, message }) =>
      this.joined ? this.onPeerError(type, message) : options.logger.warn('prepared peer error', type, message),
    );
    peers.on('connection', ({ peerId, state, failure }) => {
      if (state === 'connected' || state === 'failed') this.setUp(peerId);
      if (options.carriedElsewhere(peerId)) return;
      store.dispatch({ type: 'connection-changed', peerId, connection: state, mediaFailure: failure });
    });
    peers.on('stream', ({ peerId, kind, stream }) => {
      if (!options.carriedElsewhere(peerId))
        store.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream?.id ?? null });
      if (kind === 'screen') this.screenShown(peerId);
    });
  }

  /**
   * Whether a call from someone our server has not announced yet is answered at once (`PeerMesh`): only with our
   * seat ready and the mesh carrying the meeting.
   */
  get answersUnannounced(): boolean {
    return this.joined && this.ready && this.calling;
  }

  /** Our peer id and token, to keep them when rejoining after a reconnect; null before the first join. */
  get resumeCredentials(): { id: string; token: string } | null {
    return this.peerToken ? { id: this.options.peers.peerId, token: this.peerToken } : null;
  }

  /**
   * On the pre-join screen: connect to the PeerJS server with the prepared peer id (a pre-seat: the server lets
   * it signal nobody until we join with it), so that joining needs no PeerJS connection of its own.
   */
  prepare(prepared: PrepareResult): void {
    if (this.joined) return;
    this.options.peers.start(prepared.peer, prepared.ice);
  }

  /**
   * Joined for the first time. With the peer id we prepared, our Peer is kept: open, the server made our seat
   * ready with the join, so everyone listed is called at once; still connecting, its opening makes the seat
   * ready. Otherwise: connect to the PeerJS server with the peer id our server issued.
   */
  start(result: JoinResult): void {
    const { peers } = this.options;
    this.joined = true;
    this.peerToken = result.peer.token;
    if (result.peer.id !== peers.peerId) {
      this.startPeer(result);
      return;
    }
    peers.applyIce(result.ice);
    if (!peers.open) {
      peers.reconnect(result.peer.token);
      return;
    }
    const peerIds = result.participants.map((p) => p.peerId);
    if (this.calling) for (const peerId of peerIds) this.holdWhileSettingUp(peerId);
    this.confirmed = true;
    this.markReady(peerIds);
  }

  /** Rejoined after the socket came back: keep calls that still flow, drop who is gone, add who is new. */
  resume(result: JoinResult): void {
    const { peers } = this.options;
    const samePeer = this.peerToken !== null && result.peer.id === peers.peerId;
    this.peerToken = result.peer.token;
    this.reconcile(result.participants, result.self);
    if (!samePeer) {
      this.startPeer(result);
      return;
    }
    peers.applyIce(result.ice);
    peers.reconnect(result.peer.token);
    if (peers.open) drop(this.announceReady());
  }

  participantJoined(participant: Participant): void {
    const { store, peers } = this.options;
    const { peerId } = participant;
    this.grace.cancel(peerId);
    // A call of theirs answered before this news is theirs now, whether or not we call anyone at the moment.
    peers.announced(peerId);
    const known = tileOf(store.state, peerId) !== undefined;
    // Our server announces others only to a ready seat (its PeerJS websocket open there, even if its OPEN has not
    // reached our Peer yet): calls need not wait for `peer:ready`'s answer, a round trip. Each is placed as soon as
    // our Peer is open (`CallLink` waits for it).
    if (!this.ready && this.joined) this.markReady([]);
    // The call first, holding the store: the new tile renders once the call is set up instead of delaying it.
    if (this.ready && this.calling) {
      if (!known) this.holdWhileSettingUp(peerId);
      peers.addParticipant(peerId);
    }
    store.dispatch({ type: 'participant-joined', participant });
    // A call they placed before this news was answered at once: their new tile shows it from the start.
    if (!known && !this.options.carriedElsewhere(peerId) && (peers.isLive(peerId) || peers.stream(peerId, 'camera')))
      this.showCall(peerId);
    if (participant.media.screen) peers.screenChanged(peerId);
    // Until our own seat is confirmed the server announces who was already here: nobody "joined" then.
    if (!known && this.confirmed && peerId !== store.state.self?.peerId) {
      this.options.platform.notify(
        i18n.t('call.notifyJoined', { name: participant.displayName }),
        this.options.meetingLabel(),
      );
    }
  }

  /** New media state from the server; a share that starts or stops puts its screen on the stage or takes it off. */
  participantUpdated(participant: Participant): void {
    const { store } = this.options;
    const { peerId } = participant;
    const before = tileOf(store.state, peerId);
    const starts = before !== undefined && !before.media.screen && participant.media.screen;
    if (starts && this.options.peers.isLive(peerId) && !this.options.carriedElsewhere(peerId))
      this.screenStarting.set(peerId, store.hold(SCREEN_PICTURE_WAIT_MS));
    store.dispatch({ type: 'participant-updated', participant });
    if (before?.media.screen !== participant.media.screen) this.options.peers.screenChanged(peerId);
    if (!participant.media.screen) this.screenShown(peerId);
  }

  /** Their screen is on the stage (or will not be): the store need not wait for it any more. */
  private screenShown(peerId: string): void {
    this.screenStarting.get(peerId)?.();
    this.screenStarting.delete(peerId);
  }

  participantLeft(peerId: string, notify = true): void {
    const { store } = this.options;
    this.grace.cancel(peerId);
    this.setUp(peerId);
    this.screenShown(peerId);
    const tile = tileOf(store.state, peerId);
    this.options.peers.removeParticipant(peerId);
    store.dispatch({ type: 'participant-left', peerId });
    if (tile && notify)
      this.options.platform.notify(i18n.t('call.notifyLeft', { name: tile.displayName }), this.options.meetingLabel());
  }

  /** The socket dropped: nobody is called until our server knows we are back. */
  socketLost(): void {
    this.ready = false;
    this.confirmed = false;
    this.updateBanner();
  }

  /** Sets the connection banner: our server and the PeerJS server both reachable, and our Peer announced. */
  updateBanner(): void {
    const { store, signaling, peers } = this.options;
    if (store.state.phase !== 'in-meeting') return;
    const up = signaling.connected && peers.open && this.ready;
    store.dispatch({ type: 'signaling-changed', signaling: up ? 'connected' : 'reconnecting' });
  }

  /**
   * The SFU carries the meeting: nobody new is called (calls in progress stay until `dropCall`). Our Peer stays
   * connected to the PeerJS server: the seat's readiness depends on it.
   */
  pauseCalls(): void {
    this.calling = false;
  }

  /** Back to the mesh: everyone listed is called again (as the pair rule says). */
  resumeCalls(): void {
    this.calling = true;
    if (!this.ready) return;
    for (const tile of this.options.store.state.remotes) this.options.peers.addParticipant(tile.peerId);
  }

  /** Their tile shows the mesh's call again (after the SFU carried it): its streams, and whether it flows. */
  showCall(peerId: string): void {
    const { peers, store } = this.options;
    const connection = peers.isLive(peerId) ? 'connected' : 'connecting';
    showTileMedia(store, peerId, (kind) => peers.stream(peerId, kind), connection);
  }

  /**
   * Whether the mesh calls from this person show their picture: a decoded frame of their camera (a camera that is
   * off still sends a black frame a second) and, when `screen`, of their screen.
   */
  async showsPicture(peerId: string, screen: boolean): Promise<boolean> {
    const { peers } = this.options;
    if (!peers.isLive(peerId)) return false;
    const kinds = screen ? (['camera', 'screen'] as const) : (['camera'] as const);
    const frames = await Promise.all(kinds.map((kind) => peers.framesDecoded(peerId, kind)));
    return frames.every((count) => count > 0);
  }

  /** Whether our call to this person is up (its media connected). */
  hasCall(peerId: string): boolean {
    return this.options.peers.isLive(peerId);
  }

  /** This person's media arrived another way (the SFU): the call to them ends. */
  dropCall(peerId: string): void {
    this.options.peers.removeParticipant(peerId);
  }

  /** No more retries or grace timers (the meeting is over); the calls stay until the PeerMesh ends. */
  stopTimers(): void {
    this.grace.clear();
    this.peerRetry.cancel();
    for (const peerId of [...this.settingUp.keys()]) this.setUp(peerId);
    for (const peerId of [...this.screenStarting.keys()]) this.screenShown(peerId);
  }

  /** A call to someone new is being set up: the store waits for it (at most CALL_SETUP_HOLD_MS). */
  private holdWhileSettingUp(peerId: string): void {
    const { peers, store } = this.options;
    if (this.settingUp.has(peerId) || peers.isLive(peerId) || peerId === peers.peerId) return;
    this.settingUp.set(peerId, store.hold(CALL_SETUP_HOLD_MS));
  }

  /** The call to this person no longer needs the store held. */
  private setUp(peerId: string): void {
    this.settingUp.get(peerId)?.();
    this.settingUp.delete(peerId);
  }

  private reconcile(participants: readonly Participant[], self: Participant): void {
    const { peers, store } = this.options;
    const listed = new Set(participants.map((p) => p.peerId));
    const keep: string[] = [];
    for (const tile of store.state.remotes) {
      if (listed.has(tile.peerId)) continue;
      if (peers.isLive(tile.peerId)) keep.push(tile.peerId);
      else peers.removeParticipant(tile.peerId);
    }
    store.dispatch({ type: 'resumed', self, participants, keep });
    for (const peerId of keep) this.grace.start(peerId, (gone) => this.participantLeft(gone, false));
  }

  /** A Peer for a peer id we did not have before: every call is placed again. */
  private startPeer(result: JoinResult): void {
    this.ready = false;
    this.confirmed = false;
    this.options.store.dispatch({ type: 'calls-restarted' });
    this.options.peers.start(result.peer, result.ice);
  }

  /** Our Peer is open on the PeerJS server: tell our server, then call whoever the pair rule says. */
  private async announceReady(): Promise<void> {
    const { store, signaling, peers } = this.options;
    const peerId = peers.peerId;
    if (!signaling.connected) return;
    const reply = await signaling.request('peer:ready', {});
    if (peerId !== peers.peerId || !store.active) return;
    if (!reply.ok) {
      this.options.logger.warn('peer:ready refused', reply.error.code);
      return;
    }
    this.confirmed = true;
    this.markReady(store.state.remotes.map((tile) => tile.peerId));
  }

  /** Our server has our seat ready: whoever it listed is called (the pair rule says by whom). */
  private markReady(peerIds: readonly string[]): void {
    this.ready = true;
    if (this.calling) for (const peerId of peerIds) this.options.peers.addParticipant(peerId);
    this.updateBanner();
  }

  private onPeerError(type: string, message: string): void {
    const kind = isPeerErrorKind(type) ? type : null;
    const response = kind === null ? 'log' : peerErrorResponse(kind);
    switch (response) {
      case 'show':
        // Only a known kind is shown.
        if (kind !== null) this.options.store.dispatch({ type: 'error', problem: { type: 'peer', kind } });
        return;
      case 'reconnect':
        this.peerLost();
        return;
      case 'log':
        this.options.logger.warn('peer error', type, message);
        return;
      default:
        throw missingCaseError(response);
    }
  }

  /** Our Peer lost the PeerJS server: the banner says so and, while our server is reachable, we reconnect. */
  private peerLost(): void {
    this.updateBanner();
    if (this.options.signaling.connected) this.schedulePeerReconnect();
  }

  /** The PeerJS connection dropped while the socket stayed up: get a fresh token and reconnect. */
  private schedulePeerReconnect(): void {
    if (this.options.store.active) this.peerRetry.schedule(() => drop(this.reconnectPeer()));
  }

  private async reconnectPeer(): Promise<void> {
    const { store, signaling, peers } = this.options;
    const peerId = peers.peerId;
    if (peers.open || !signaling.connected) return;
    const reply = await signaling.request('peer:token', {});
    if (peerId !== peers.peerId || !store.active) return;
    if (reply.ok) {
      this.peerToken = reply.data.token;
      peers.reconnect(reply.data.token);
    } else {
      this.schedulePeerReconnect();
    }
  }
}

import type { IceConfig, JoinResult, Participant } from '@wava/protocol';
import { missingCaseError } from '../../shared/missingCaseError.js';
import type { Platform } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import type { CallStore } from './callStore.js';
import { GraceTimers } from './graceTimers.js';
import { mediaFailureMessage } from './mediaFailure.js';
import type { SignalingChannel } from './signalingChannel.js';
import { isPeerErrorKind, peerErrorMessage, peerErrorResponse } from './peerErrorMessage.js';
import type { PeerFactory } from './peerLike.js';
import { PeerMesh } from './peerMesh.js';
import { peerServerAddress } from './peerServerAddress.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';
import type { StreamKind } from './streamKind.js';
import { i18n } from '../i18n/i18n.js';

export interface MeetingMeshOptions {
  store: CallStore;
  signaling: SignalingChannel;
  platform: Platform;
  serverUrl: string;
  policy: ReconnectPolicy;
  createPeer: PeerFactory;
  /** How long one call may take to connect before it is replaced by a new one. */
  connectTimeoutMs: number;
  /** How long media to someone may stay down, shown as reconnecting, before their tile says it failed. */
  giveUpAfterMs: number;
  /** How long a participant whose call still flows is kept after a server restart until they rejoin. */
  rejoinGraceMs: number;
  /** What camera calls send: the microphone and camera, or placeholders. */
  sendStream(): MediaStream;
  /** Our screen share, if any: a new mesh sends it too. */
  screen(): MediaStream | null;
  meetingLabel(): string;
}

/**
 * The meeting's calls: the PeerJS mesh for our current peer id, who of the participants it calls (only
 * once our server knows our Peer is open), their tiles' connection and stream state, the Peer's
 * reconnection to the PeerJS server, and keeping calls that still flow through a server restart.
 */
export class MeetingMesh {
  private mesh: PeerMesh | null = null;
  private peerToken: string | null = null;
  /** Our server knows our Peer is open: participants may be called. */
  private ready = false;
  private readonly grace: GraceTimers;
  private readonly peerRetry: RetryTimer;

  constructor(private readonly options: MeetingMeshOptions) {
    this.grace = new GraceTimers(options.rejoinGraceMs);
    this.peerRetry = new RetryTimer(options.policy);
  }

  /** Our peer id and token, to keep them when rejoining after a reconnect; null before the first join. */
  get resumeCredentials(): { id: string; token: string } | null {
    return this.mesh && this.peerToken ? { id: this.mesh.peerId, token: this.peerToken } : null;
  }

  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.mesh?.stream(peerId, kind) ?? null;
  }

  applyIce(ice: IceConfig): void {
    this.mesh?.applyIce(ice);
  }

  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    this.mesh?.replaceTrack(kind, track);
  }

  startScreen(stream: MediaStream): void {
    this.mesh?.startScreen(stream);
  }

  stopScreen(): void {
    this.mesh?.stopScreen();
  }

  /** Joined for the first time: connect to the PeerJS server with the peer id our server issued. */
  start(result: JoinResult): void {
    this.peerToken = result.peer.token;
    this.startMesh(result);
  }

  /** Rejoined after the socket came back: keep calls that still flow, drop who is gone, add who is new. */
  resume(result: JoinResult): void {
    this.peerToken = result.peer.token;
    this.reconcile(result.participants, result.self);
    const mesh = this.mesh;
    if (!mesh || result.peer.id !== mesh.peerId) {
      this.startMesh(result);
      return;
    }
    mesh.applyIce(result.ice);
    mesh.reconnect(result.peer.token);
    if (mesh.open) drop(this.announceReady());
  }

  participantJoined(participant: Participant): void {
    const { store } = this.options;
    this.grace.cancel(participant.peerId);
    const known = store.state.remotes.some((tile) => tile.peerId === participant.peerId);
    store.dispatch({ type: 'participant-joined', participant });
    if (this.ready) this.mesh?.addParticipant(participant.peerId);
    // Until our own seat is ready the server announces who was already here: nobody "joined" then.
    if (!known && this.ready && participant.peerId !== store.state.self?.peerId) {
      this.options.platform.notify(
        i18n.t('call.notifyJoined', { name: participant.displayName }),
        this.options.meetingLabel(),
      );
    }
  }

  /** New media state from the server; a share that stopped takes its screen off the stage. */
  participantUpdated(participant: Participant): void {
    const { store } = this.options;
    const before = store.state.remotes.find((tile) => tile.peerId === participant.peerId);
    store.dispatch({ type: 'participant-updated', participant });
    if (before?.media.screen && !participant.media.screen) this.mesh?.closeScreenFrom(participant.peerId);
  }

  participantLeft(peerId: string, notify = true): void {
    const { store } = this.options;
    this.grace.cancel(peerId);
    const tile = store.state.remotes.find((t) => t.peerId === peerId);
    this.mesh?.removeParticipant(peerId);
    store.dispatch({ type: 'participant-left', peerId });
    if (tile && notify)
      this.options.platform.notify(i18n.t('call.notifyLeft', { name: tile.displayName }), this.options.meetingLabel());
  }

  /** The socket dropped: nobody is called until our server knows we are back. */
  socketLost(): void {
    this.ready = false;
    this.refreshSignaling();
  }

  /** The banner's state: our server and the PeerJS server both reachable, and our Peer announced. */
  refreshSignaling(): void {
    const { store, signaling } = this.options;
    if (store.state.phase !== 'in-meeting') return;
    const up = signaling.connected && (this.mesh?.open ?? false) && this.ready;
    store.dispatch({ type: 'signaling-changed', signaling: up ? 'connected' : 'reconnecting' });
  }

  /** No more retries or grace timers (the meeting is over); the calls stay until `destroy`. */
  stopTimers(): void {
    this.grace.clear();
    this.peerRetry.cancel();
  }

  destroy(): void {
    this.stopTimers();
    this.mesh?.destroy();
    this.mesh = null;
  }

  private reconcile(participants: readonly Participant[], self: Participant): void {
    const listed = new Set(participants.map((p) => p.peerId));
    const keep: string[] = [];
    for (const tile of this.options.store.state.remotes) {
      if (listed.has(tile.peerId)) continue;
      if (this.mesh?.isLive(tile.peerId)) keep.push(tile.peerId);
      else this.mesh?.removeParticipant(tile.peerId);
    }
    this.options.store.dispatch({ type: 'resumed', self, participants, keep });
    for (const peerId of keep) this.grace.start(peerId, (gone) => this.participantLeft(gone, false));
  }

  private startMesh(result: JoinResult): void {
    const options = this.options;
    const { store } = options;
    this.mesh?.destroy();
    this.ready = false;
    store.dispatch({ type: 'calls-restarted' });
    const mesh = new PeerMesh({
      createPeer: options.createPeer,
      server: peerServerAddress(options.serverUrl),
      policy: options.policy,
      connectTimeoutMs: options.connectTimeoutMs,
      giveUpAfterMs: options.giveUpAfterMs,
      unknownCallGraceMs: 10_000,
      localStream: options.sendStream,
    });
    this.mesh = mesh;
    mesh.on('open', () => {
      this.peerRetry.reset();
      drop(this.announceReady());
    });
    mesh.on('disconnected', () => {
      this.refreshSignaling();
      if (options.signaling.connected) this.schedulePeerReconnect();
    });
    mesh.on('error', ({ type, message }) => this.onPeerError(type, message));
    mesh.on('connection', ({ peerId, state, failure }) => {
      const name = store.state.remotes.find((tile) => tile.peerId === peerId)?.displayName ?? 'a participant';
      const mediaError = failure ? mediaFailureMessage(name, failure) : null;
      store.dispatch({ type: 'connection-changed', peerId, connection: state, mediaError });
    });
    mesh.on('stream', ({ peerId, kind, stream }) =>
      store.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream?.id ?? null }),
    );
    const screen = options.screen();
    if (screen) mesh.startScreen(screen);
    mesh.start(result.peer, result.ice);
  }

  /** Our Peer is open on the PeerJS server: tell our server, then call whoever the pair rule says. */
  private async announceReady(): Promise<void> {
    const { store, signaling } = this.options;
    const mesh = this.mesh;
    if (!mesh || !signaling.connected) return;
    const reply = await signaling.peerReady();
    if (mesh !== this.mesh || !store.active) return;
    if (!reply.ok) {
      console.warn('[wava] peer:ready refused', reply.error.code);
      return;
    }
    this.ready = true;
    for (const tile of store.state.remotes) mesh.addParticipant(tile.peerId);
    this.refreshSignaling();
  }

  private onPeerError(type: string, message: string): void {
    const response = isPeerErrorKind(type) ? peerErrorResponse(type) : 'log';
    switch (response) {
      case 'show':
        this.options.store.dispatch({ type: 'error', message: peerErrorMessage(type) });
        return;
      case 'reconnect':
        this.refreshSignaling();
        if (this.options.signaling.connected) this.schedulePeerReconnect();
        return;
      case 'log':
        console.warn('[wava] peer error', type, message);
        return;
      default:
        throw missingCaseError(response);
    }
  }

  /** The PeerJS connection dropped while the socket stayed up: get a fresh token and reconnect. */
  private schedulePeerReconnect(): void {
    if (this.options.store.active) this.peerRetry.schedule(() => drop(this.reconnectPeer()));
  }

  private async reconnectPeer(): Promise<void> {
    const { store, signaling } = this.options;
    const mesh = this.mesh;
    if (!mesh || mesh.open || !signaling.connected) return;
    const reply = await signaling.peerToken();
    if (mesh !== this.mesh || !store.active) return;
    if (reply.ok) {
      this.peerToken = reply.data.token;
      mesh.reconnect(reply.data.token);
    } else {
      this.schedulePeerReconnect();
    }
  }
}

import { userMessage, type ApiError, type ErrorCode, type JoinResult, type Participant } from '@wava/protocol';
import type { Platform, ShellCommand } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import { missingCaseError } from '../../shared/missingCaseError.js';
import { isHost } from './callSelectors.js';
import { callReducer, INITIAL_CALL_STATE, type CallAction, type CallState } from './callState.js';
import { createPeerJsPeer } from './createPeerJsPeer.js';
import { IceRefresher } from './iceRefresh.js';
import type { LocalMedia } from './localMedia.js';
import { mediaFailureMessage } from './mediaFailure.js';
import { MeetingSignaling } from './meetingSignaling.js';
import { isPeerErrorKind, peerErrorMessage, peerErrorResponse } from './peerErrorMessage.js';
import type { PeerFactory } from './peerLike.js';
import { PeerMesh } from './peerMesh.js';
import { peerServerAddress } from './peerServerAddress.js';
import { presenceOf, samePresence } from './presenceOf.js';
import { GraceTimers } from './graceTimers.js';
import { createBackoffPolicy, type ReconnectPolicy } from './reconnectPolicy.js';
import { resumeRefusalAction } from './resumeRefusal.js';
import { RetryTimer } from './retryTimer.js';
import { participantLeftSchema, participantSchema, shutdownSchema } from './serverPayloads.js';
import { ScreenShare } from './screenShare.js';
import type { StreamKind } from './streamKind.js';

export interface MeetingClientOptions {
  platform: Platform;
  serverUrl: string;
  code: string;
  media: LocalMedia;
  policy?: ReconnectPolicy;
  /** How long media may take to connect before the tile says it failed. */
  connectTimeoutMs?: number;
  /** How long a participant whose call still flows is kept after a server restart until they rejoin. */
  rejoinGraceMs?: number;
  createPeer?: PeerFactory;
}

const JOIN_TIMEOUT_MS = 20_000;
const LEAVE_ACK_MS = 1_500;

/**
 * One meeting, from join to leave: the Socket.io signaling, the PeerJS mesh, local media and the
 * screen share, with an immutable snapshot React reads through `useSyncExternalStore`. It keeps media
 * flowing through a server restart and rejoins by itself when the server is back.
 */
export class MeetingClient {
  private state: CallState = INITIAL_CALL_STATE;
  private readonly listeners = new Set<() => void>();
  private readonly signaling: MeetingSignaling;
  private readonly ice: IceRefresher;
  private readonly screen: ScreenShare;
  private readonly policy: ReconnectPolicy;
  private readonly disposers: (() => void)[] = [];
  private readonly grace: GraceTimers;
  private mesh: PeerMesh | null = null;
  private peerToken: string | null = null;
  private joining = false;
  /** We asked the server to end the meeting for everyone and wait for its answer. */
  private ending = false;
  /** Bumped when the socket drops, so a join reply from the old connection is ignored. */
  private joinAttempt = 0;
  private freshJoin = false;
  private ready = false;
  private shutdownDelayMs: number | null = null;
  /** Rejoining the meeting over the socket, and reconnecting the Peer to the PeerJS server. */
  private readonly rejoin: RetryTimer;
  private readonly peerRetry: RetryTimer;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private presence: ReturnType<typeof presenceOf> | null = null;

  constructor(private readonly options: MeetingClientOptions) {
    this.policy = options.policy ?? createBackoffPolicy();
    this.rejoin = new RetryTimer(this.policy);
    this.peerRetry = new RetryTimer(this.policy);
    this.grace = new GraceTimers(options.rejoinGraceMs ?? 30_000);
    this.signaling = new MeetingSignaling(options.serverUrl, options.platform.auth);
    this.ice = new IceRefresher(
      async () => {
        const reply = await this.signaling.iceRefresh();
        return reply.ok ? reply.data : null;
      },
      (ice) => this.mesh?.applyIce(ice),
    );
    this.screen = new ScreenShare(() => this.stopScreenShare());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallState => this.state;

  get code(): string {
    return this.options.code;
  }

  get media(): LocalMedia {
    return this.options.media;
  }

  /** A remote participant's camera or screen stream, for a <video> element. */
  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.mesh?.stream(peerId, kind) ?? null;
  }

  get localScreen(): MediaStream | null {
    return this.screen.stream;
  }

  join(): void {
    if (this.state.phase !== 'idle') return;
    const { audio, video } = this.options.media.state;
    this.dispatch({ type: 'join-started', local: { audio, video, screen: false } });
    this.wire();
    this.joinTimer = setTimeout(() => this.fail('SERVER_UNREACHABLE'), JOIN_TIMEOUT_MS);
    this.signaling.connect();
  }

  toggleMicrophone(): void {
    if (this.active) drop(this.options.media.setAudioEnabled(!this.state.local.audio));
  }

  toggleCamera(): void {
    if (this.active) drop(this.options.media.setVideoEnabled(!this.state.local.video));
  }

  toggleScreenShare(): void {
    if (!this.active) return;
    if (this.state.local.screen) this.stopScreenShare();
    else drop(this.startScreenShare());
  }

  leave(): void {
    if (!this.active) return;
    this.dispatch({ type: 'left' });
    drop(this.teardown(true));
  }

  /**
   * Host only: ends the meeting for everyone. The others are told by the server and see why; we go
   * back as if we had left. A refusal (not the host, server unreachable) is shown and we stay.
   */
  async endForEveryone(): Promise<void> {
    if (this.state.phase !== 'in-meeting' || !isHost(this.state) || this.ending) return;
    this.ending = true;
    const reply = await this.signaling.endMeeting();
    if (!this.active) return;
    this.ending = false;
    if (reply.ok || reply.error.code === 'MEETING_ENDED') this.endedByUs();
    else this.dispatch({ type: 'error', message: userMessage(reply.error.code) });
  }

  private get active(): boolean {
    return this.state.phase === 'joining' || this.state.phase === 'in-meeting';
  }

  private wire(): void {
    const { media, platform } = this.options;
    const s = this.signaling;
    this.disposers.push(
      s.on('connected', () => {
        this.refreshSignaling();
        drop(this.joinMeeting());
      }),
      s.on('disconnected', ({ willReconnect }) => {
        this.ready = false;
        this.joining = false;
        this.joinAttempt += 1;
        this.refreshSignaling();
        if (!willReconnect && this.active) this.scheduleRejoin(this.shutdownDelayMs);
      }),
      s.on('refused', (error) => this.endWith(error.code)),
      media.on('track', ({ kind, track }) => this.mesh?.replaceTrack(kind, track)),
      media.on('change', (m) => {
        if (m.audio === this.state.local.audio && m.video === this.state.local.video) return;
        this.dispatch({ type: 'local-changed', local: { audio: m.audio, video: m.video } });
        drop(this.signaling.mediaUpdate({ audio: m.audio, video: m.video }));
      }),
      platform.onCommand((command) => this.onCommand(command)),
    );
    s.onServer('participant:joined', (payload) => {
      const parsed = participantSchema.safeParse(payload);
      if (parsed.success) this.onParticipantJoined(parsed.data);
    });
    s.onServer('participant:updated', (payload) => {
      const parsed = participantSchema.safeParse(payload);
      if (parsed.success) this.dispatch({ type: 'participant-updated', participant: parsed.data });
    });
    s.onServer('participant:left', (payload) => {
      const parsed = participantLeftSchema.safeParse(payload);
      if (parsed.success) this.onParticipantLeft(parsed.data.peerId);
    });
    s.onServer('meeting:ended', () => (this.ending ? this.endedByUs() : this.endWith('MEETING_ENDED')));
    s.onServer('server:shutdown', (payload) => {
      const parsed = shutdownSchema.safeParse(payload);
      this.shutdownDelayMs = parsed.success ? parsed.data.reconnectAfterMs : null;
      this.dispatch({ type: 'signaling-changed', signaling: 'reconnecting' });
    });
    const onPageHide = () => this.leave();
    window.addEventListener('pagehide', onPageHide);
    this.disposers.push(() => window.removeEventListener('pagehide', onPageHide));
  }

  private async joinMeeting(): Promise<void> {
    if (this.joining || !this.active) return;
    this.joining = true;
    const attempt = ++this.joinAttempt;
    const resuming = this.state.phase === 'in-meeting';
    const mesh = this.mesh;
    const resume =
      resuming && !this.freshJoin && mesh && this.peerToken ? { id: mesh.peerId, token: this.peerToken } : undefined;
    const { audio, video } = this.state.local;
    const reply = await this.signaling.join({
      code: this.options.code,
      media: { audio, video },
      ...(resume ? { resume } : {}),
    });
    if (attempt !== this.joinAttempt || !this.active) return;
    this.joining = false;
    if (!reply.ok) {
      this.onJoinRefused(reply.error, resuming);
      return;
    }
    this.rejoin.reset();
    this.freshJoin = false;
    this.shutdownDelayMs = null;
    const result = reply.data;
    this.peerToken = result.peer.token;
    this.ice.track(result.ice);
    if (!resuming) {
      if (this.joinTimer !== null) clearTimeout(this.joinTimer);
      this.dispatch({ type: 'joined', meeting: result.meeting, self: result.self, participants: result.participants });
      this.startMesh(result);
      return;
    }
    this.reconcile(result.participants, result.self);
    if (!this.mesh || result.peer.id !== this.mesh.peerId) {
      this.startMesh(result);
    } else {
      this.mesh.applyIce(result.ice);
      this.mesh.reconnect(result.peer.token);
      if (this.mesh.open) drop(this.announceReady());
    }
    if (this.state.local.screen) drop(this.signaling.mediaUpdate({ screen: true }));
  }

  private onJoinRefused(error: ApiError, resuming: boolean): void {
    const code = error.code;
    if (!resuming) {
      if (code === 'SERVER_UNREACHABLE' || code === 'SERVER_SHUTTING_DOWN') this.scheduleRejoin(null);
      else this.fail(code);
      return;
    }
    const action = resumeRefusalAction(code);
    switch (action) {
      case 'end':
        this.endWith(code);
        return;
      case 'join-fresh':
        // The server would not let us keep our peer id: join as new, calls are placed again.
        this.freshJoin = true;
        drop(this.joinMeeting());
        return;
      case 'retry':
        this.scheduleRejoin(null);
        return;
      default:
        throw missingCaseError(action);
    }
  }

  /** After a server restart: keep calls that still flow, drop who is gone, add who is new. */
  private reconcile(participants: readonly Participant[], self: Participant): void {
    const listed = new Set(participants.map((p) => p.peerId));
    const keep: string[] = [];
    for (const tile of this.state.remotes) {
      if (listed.has(tile.peerId)) continue;
      if (this.mesh?.isLive(tile.peerId)) keep.push(tile.peerId);
      else this.mesh?.removeParticipant(tile.peerId);
    }
    this.dispatch({ type: 'resumed', self, participants, keep });
    for (const peerId of keep) this.grace.start(peerId, (gone) => this.onParticipantLeft(gone, false));
  }

  private startMesh(result: JoinResult): void {
    this.mesh?.destroy();
    this.ready = false;
    for (const tile of this.state.remotes) {
      this.dispatch({ type: 'stream-changed', peerId: tile.peerId, kind: 'camera', streamId: null });
      this.dispatch({ type: 'stream-changed', peerId: tile.peerId, kind: 'screen', streamId: null });
      this.dispatch({ type: 'connection-changed', peerId: tile.peerId, connection: 'connecting', mediaError: null });
    }
    const mesh = new PeerMesh({
      createPeer: this.options.createPeer ?? createPeerJsPeer,
      server: peerServerAddress(this.options.serverUrl),
      policy: this.policy,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 15_000,
      unknownCallGraceMs: 10_000,
      localStream: () => this.options.media.sendStream,
    });
    this.mesh = mesh;
    mesh.on('open', () => {
      this.peerRetry.reset();
      drop(this.announceReady());
    });
    mesh.on('disconnected', () => {
      this.refreshSignaling();
      if (this.signaling.connected) this.schedulePeerReconnect();
    });
    mesh.on('error', ({ type, message }) => this.onPeerError(type, message));
    mesh.on('connection', ({ peerId, state, failure }) => {
      const name = this.state.remotes.find((tile) => tile.peerId === peerId)?.displayName ?? 'a participant';
      const mediaError = failure ? mediaFailureMessage(name, failure) : null;
      this.dispatch({ type: 'connection-changed', peerId, connection: state, mediaError });
    });
    mesh.on('stream', ({ peerId, kind, stream }) =>
      this.dispatch({ type: 'stream-changed', peerId, kind, streamId: stream?.id ?? null }),
    );
    if (this.screen.stream) mesh.startScreen(this.screen.stream);
    mesh.start(result.peer, result.ice);
  }

  /** Our Peer is open on the PeerJS server: tell our server, then call whoever the pair rule says. */
  private async announceReady(): Promise<void> {
    const mesh = this.mesh;
    if (!mesh || !this.signaling.connected) return;
    const reply = await this.signaling.peerReady();
    if (mesh !== this.mesh || !this.active) return;
    if (!reply.ok) {
      console.warn('[wava] peer:ready refused', reply.error.code);
      return;
    }
    this.ready = true;
    for (const tile of this.state.remotes) mesh.addParticipant(tile.peerId);
    this.refreshSignaling();
  }

  private onParticipantJoined(participant: Participant): void {
    this.grace.cancel(participant.peerId);
    const known = this.state.remotes.some((tile) => tile.peerId === participant.peerId);
    this.dispatch({ type: 'participant-joined', participant });
    if (this.ready) this.mesh?.addParticipant(participant.peerId);
    if (!known && participant.peerId !== this.state.self?.peerId) {
      this.options.platform.notify(`${participant.displayName} joined`, this.meetingLabel());
    }
  }

  private onParticipantLeft(peerId: string, notify = true): void {
    this.grace.cancel(peerId);
    const tile = this.state.remotes.find((t) => t.peerId === peerId);
    this.mesh?.removeParticipant(peerId);
    this.dispatch({ type: 'participant-left', peerId });
    if (tile && notify) this.options.platform.notify(`${tile.displayName} left`, this.meetingLabel());
  }

  private onPeerError(type: string, message: string): void {
    const response = isPeerErrorKind(type) ? peerErrorResponse(type) : 'log';
    switch (response) {
      case 'show':
        this.dispatch({ type: 'error', message: peerErrorMessage(type) });
        return;
      case 'reconnect':
        this.refreshSignaling();
        if (this.signaling.connected) this.schedulePeerReconnect();
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
    if (this.active) this.peerRetry.schedule(() => drop(this.reconnectPeer()));
  }

  private async reconnectPeer(): Promise<void> {
    const mesh = this.mesh;
    if (!mesh || mesh.open || !this.signaling.connected) return;
    const reply = await this.signaling.peerToken();
    if (mesh !== this.mesh || !this.active) return;
    if (reply.ok) {
      this.peerToken = reply.data.token;
      mesh.reconnect(reply.data.token);
    } else {
      this.schedulePeerReconnect();
    }
  }

  private scheduleRejoin(delayMs: number | null): void {
    if (!this.active) return;
    this.rejoin.schedule(() => {
      if (this.signaling.connected) drop(this.joinMeeting());
      else this.signaling.reconnect();
    }, delayMs);
  }

  private async startScreenShare(): Promise<void> {
    const result = await this.screen.start();
    if (!this.active) {
      this.screen.stop();
      return;
    }
    if (result.error) this.dispatch({ type: 'error', message: result.error });
    if (!result.stream) return;
    this.mesh?.startScreen(result.stream);
    this.dispatch({ type: 'local-changed', local: { screen: true } });
    drop(this.signaling.mediaUpdate({ screen: true }));
  }

  private stopScreenShare(): void {
    if (!this.state.local.screen && !this.screen.stream) return;
    this.mesh?.stopScreen();
    this.screen.stop();
    this.dispatch({ type: 'local-changed', local: { screen: false } });
    drop(this.signaling.mediaUpdate({ screen: false }));
  }

  private onCommand(command: ShellCommand): void {
    switch (command) {
      case 'toggle-microphone':
        this.toggleMicrophone();
        return;
      case 'toggle-camera':
        this.toggleCamera();
        return;
      case 'toggle-screen-share':
        this.toggleScreenShare();
        return;
      case 'leave-meeting':
        this.leave();
        return;
      default:
        throw missingCaseError(command);
    }
  }

  private refreshSignaling(): void {
    if (this.state.phase !== 'in-meeting') return;
    const up = this.signaling.connected && (this.mesh?.open ?? false) && this.ready;
    this.dispatch({ type: 'signaling-changed', signaling: up ? 'connected' : 'reconnecting' });
  }

  private fail(code: ErrorCode): void {
    if (!this.active) return;
    this.dispatch({ type: 'failed', message: userMessage(code) });
    drop(this.teardown(this.signaling.connected));
  }

  /** We ended the meeting: no sentence for us, and no leave to send (the server removed everyone). */
  private endedByUs(): void {
    if (!this.active) return;
    this.dispatch({ type: 'left' });
    drop(this.teardown(false));
  }

  private endWith(code: ErrorCode): void {
    if (!this.active) return;
    this.dispatch({ type: 'ended', message: userMessage(code) });
    drop(this.teardown(false));
  }

  private async teardown(sendLeave: boolean): Promise<void> {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.grace.clear();
    this.rejoin.cancel();
    this.peerRetry.cancel();
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    this.ice.stop();
    // Camera, microphone and screen are released at once; the calls end after the server knows we left,
    // so the others see us leave instead of a call that dropped and is being re-dialled.
    this.screen.stop();
    this.options.media.stop();
    if (sendLeave && this.signaling.connected) await this.signaling.leave(LEAVE_ACK_MS);
    this.mesh?.destroy();
    this.mesh = null;
    this.signaling.close();
  }

  private meetingLabel(): string {
    return this.state.meeting?.title || `Meeting ${this.options.code}`;
  }

  private dispatch(action: CallAction): void {
    const next = callReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    const presence = presenceOf(next);
    if (!samePresence(this.presence, presence)) {
      this.presence = presence;
      this.options.platform.presenceChanged(presence);
    }
    for (const listener of [...this.listeners]) listener();
  }
}

import type { ErrorCode, Participant } from '@wava/protocol';
import type { AuthStore, Platform } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import { isHost } from './callSelectors.js';
import type { CallState } from './callState.js';
import { CallStore } from './callStore.js';
import { createPeerJsPeer } from './createPeerJsPeer.js';
import { IceRefresher } from './iceRefresh.js';
import { listenToServer } from './listenToServer.js';
import type { LocalMedia } from './localMedia.js';
import { MeetingJoiner } from './meetingJoiner.js';
import { MeetingMesh } from './meetingMesh.js';
import { MeetingSignaling } from './meetingSignaling.js';
import type { PeerFactory } from './peerLike.js';
import { createBackoffPolicy, type ReconnectPolicy } from './reconnectPolicy.js';
import { runShellCommand, type CallControls } from './runShellCommand.js';
import { ScreenShare } from './screenShare.js';
import type { SignalingChannel } from './signalingChannel.js';
import { signInRevoked } from './signInRevoked.js';
import type { StreamKind } from './streamKind.js';
import { errorSentence } from '../i18n/errorSentence.js';
import { i18n } from '../i18n/i18n.js';

export interface MeetingClientOptions {
  platform: Platform;
  serverUrl: string;
  code: string;
  media: LocalMedia;
  policy?: ReconnectPolicy;
  /** How long one call may take to connect before it is replaced by a new one. */
  connectTimeoutMs?: number;
  /**
   * How long media to someone may stay down while Wava re-dials by itself (the tile says reconnecting)
   * before the tile says it cannot connect; re-dialling goes on in the background.
   */
  giveUpAfterMs?: number;
  /** How long a participant whose call still flows is kept after a server restart until they rejoin. */
  rejoinGraceMs?: number;
  createPeer?: PeerFactory;
  /** The link to our server; Socket.io (`MeetingSignaling`) unless a test supplies its own. */
  createSignaling?: (serverUrl: string, auth: AuthStore) => SignalingChannel;
}

const JOIN_TIMEOUT_MS = 20_000;
const LEAVE_ACK_MS = 1_500;

/**
 * One meeting, from join to leave: joining (and rejoining after the socket drops) over our server's
 * Socket.io signaling, local media and the screen share, and the calls (MeetingMesh), with an immutable
 * snapshot React reads through `useSyncExternalStore`. It keeps media flowing through a server restart
 * and rejoins by itself when the server is back.
 */
export class MeetingClient implements CallControls {
  private readonly store: CallStore;
  private readonly signaling: SignalingChannel;
  private readonly calls: MeetingMesh;
  private readonly ice: IceRefresher;
  private readonly screen: ScreenShare;
  private readonly disposers: (() => void)[] = [];
  private readonly joiner: MeetingJoiner;
  /** We asked the server to end the meeting for everyone and wait for its answer. */
  private ending = false;
  private ended = false;

  readonly subscribe: CallStore['subscribe'];
  readonly getSnapshot: CallStore['getSnapshot'];

  constructor(private readonly options: MeetingClientOptions) {
    const policy = options.policy ?? createBackoffPolicy();
    this.store = new CallStore((presence) => options.platform.presenceChanged(presence));
    this.subscribe = this.store.subscribe;
    this.getSnapshot = this.store.getSnapshot;
    const createSignaling = options.createSignaling ?? ((url, auth) => new MeetingSignaling(url, auth));
    this.signaling = createSignaling(options.serverUrl, options.platform.auth);
    this.screen = new ScreenShare(() => this.stopScreenShare());
    this.calls = new MeetingMesh({
      store: this.store,
      signaling: this.signaling,
      platform: options.platform,
      serverUrl: options.serverUrl,
      policy,
      createPeer: options.createPeer ?? createPeerJsPeer,
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      giveUpAfterMs: options.giveUpAfterMs ?? 60_000,
      rejoinGraceMs: options.rejoinGraceMs ?? 30_000,
      sendStream: () => options.media.sendStream,
      screen: () => this.screen.stream,
      meetingLabel: () => this.state.meeting?.title || i18n.t('call.meetingWithCode', { code: options.code }),
    });
    this.joiner = new MeetingJoiner({
      code: options.code,
      store: this.store,
      signaling: this.signaling,
      policy,
      joinTimeoutMs: JOIN_TIMEOUT_MS,
      resumeCredentials: () => this.calls.resumeCredentials,
      joined: (result) => {
        this.ice.track(result.ice);
        const { meeting, self, participants } = result;
        this.store.dispatch({ type: 'joined', meeting, self, participants });
        this.calls.start(result);
      },
      resumed: (result) => {
        this.ice.track(result.ice);
        this.calls.resume(result);
        if (this.state.local.screen) drop(this.signaling.mediaUpdate({ screen: true }));
      },
      failed: (code) => this.fail(code),
      ended: (code) => this.endWith(code),
    });
    this.ice = new IceRefresher(
      async () => {
        const reply = await this.signaling.iceRefresh();
        return reply.ok ? reply.data : null;
      },
      (ice) => this.calls.applyIce(ice),
    );
  }

  get code(): string {
    return this.options.code;
  }

  get media(): LocalMedia {
    return this.options.media;
  }

  /** A remote participant's camera or screen stream, for a <video> element. */
  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.calls.stream(peerId, kind);
  }

  /** We ended the meeting for everyone (so there is nothing to rejoin). */
  get endedForEveryone(): boolean {
    return this.ended;
  }

  get localScreen(): MediaStream | null {
    return this.screen.stream;
  }

  join(): void {
    if (this.state.phase !== 'idle') return;
    const { audio, video } = this.options.media.state;
    this.store.dispatch({ type: 'join-started', local: { audio, video, screen: false } });
    this.wire();
    this.joiner.start();
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
    this.store.dispatch({ type: 'left' });
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
    else this.store.dispatch({ type: 'error', message: errorSentence(reply.error.code) });
  }

  private get state(): CallState {
    return this.store.state;
  }

  private get active(): boolean {
    return this.store.active;
  }

  private wire(): void {
    const { media, platform } = this.options;
    const s = this.signaling;
    this.disposers.push(
      s.on('connected', () => {
        this.calls.refreshSignaling();
        this.joiner.connected();
      }),
      s.on('disconnected', ({ willReconnect }) => {
        this.calls.socketLost();
        this.joiner.disconnected(willReconnect);
      }),
      s.on('refused', (error) => this.endWith(error.code)),
      media.on('track', ({ kind, track }) => this.calls.replaceTrack(kind, track)),
      media.on('change', (m) => {
        if (m.audio === this.state.local.audio && m.video === this.state.local.video) return;
        this.store.dispatch({ type: 'local-changed', local: { audio: m.audio, video: m.video } });
        drop(this.signaling.mediaUpdate({ audio: m.audio, video: m.video }));
      }),
      platform.onCommand((command) => runShellCommand(command, this)),
    );
    listenToServer(s, {
      participantJoined: (participant) => this.calls.participantJoined(participant),
      participantUpdated: (participant) => {
        this.replacedShare(participant);
        this.calls.participantUpdated(participant);
      },
      participantLeft: (peerId) => this.calls.participantLeft(peerId),
      meetingEnded: () => (this.ending ? this.endedByUs() : this.endWith('MEETING_ENDED')),
      shuttingDown: (reconnectAfterMs) => {
        this.joiner.shuttingDown(reconnectAfterMs);
        this.store.dispatch({ type: 'signaling-changed', signaling: 'reconnecting' });
      },
      sessionRevoked: (code) => this.signedOut(code),
    });
    const onPageHide = () => this.leave();
    window.addEventListener('pagehide', onPageHide);
    this.disposers.push(() => window.removeEventListener('pagehide', onPageHide));
  }

  private async startScreenShare(): Promise<void> {
    const result = await this.screen.start();
    if (!this.active) {
      this.screen.stop();
      return;
    }
    if (result.error) this.store.dispatch({ type: 'error', message: result.error });
    if (!result.stream) return;
    this.calls.startScreen(result.stream);
    this.store.dispatch({ type: 'local-changed', local: { screen: true } });
    drop(this.signaling.mediaUpdate({ screen: true }));
  }

  /**
   * One share at a time: someone else started presenting while we do, so theirs replaces ours and we
   * say so. (Two shares started at the same instant both stop; either can share again.)
   */
  private replacedShare(participant: Participant): void {
    if (!this.state.local.screen || !participant.media.screen) return;
    const before = this.state.remotes.find((tile) => tile.peerId === participant.peerId);
    if (!before || before.media.screen) return;
    this.stopScreenShare();
    this.store.dispatch({ type: 'share-replaced', by: participant.displayName });
  }

  private stopScreenShare(): void {
    if (!this.state.local.screen && !this.screen.stream) return;
    this.calls.stopScreen();
    this.screen.stop();
    this.store.dispatch({ type: 'local-changed', local: { screen: false } });
    drop(this.signaling.mediaUpdate({ screen: false }));
  }

  private fail(code: ErrorCode): void {
    if (!this.active) return;
    this.store.dispatch({ type: 'failed', message: errorSentence(code) });
    drop(this.teardown(this.signaling.connected));
  }

  /** We ended the meeting: no sentence for us, and no leave to send (the server removed everyone). */
  private endedByUs(): void {
    if (!this.active) return;
    this.ended = true;
    this.store.dispatch({ type: 'left' });
    drop(this.teardown(false));
  }

  private endWith(code: ErrorCode): void {
    if (!this.active) return;
    if (signInRevoked(code)) {
      this.signedOut(code);
      return;
    }
    this.store.dispatch({ type: 'ended', message: errorSentence(code) });
    drop(this.teardown(false));
  }

  /**
   * Our sign-in was revoked (signed out on another device, or its refresh token replayed): final. No
   * reconnect and no leave to send (the server already freed our seat and closes the connection); calls
   * and devices end now, and the person is signed out here too.
   */
  private signedOut(code: ErrorCode): void {
    if (!this.active) return;
    this.store.dispatch({ type: 'signed-out', message: errorSentence(code) });
    drop(this.teardown(false));
    drop(this.options.platform.auth.logout());
  }

  private async teardown(sendLeave: boolean): Promise<void> {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.joiner.cancel();
    this.calls.stopTimers();
    this.ice.stop();
    // Camera, microphone and screen are released at once; the calls end after the server knows we left,
    // so the others see us leave instead of a call that dropped and is being re-dialled.
    this.screen.stop();
    this.options.media.stop();
    if (sendLeave && this.signaling.connected) await this.signaling.leave(LEAVE_ACK_MS);
    this.calls.destroy();
    this.signaling.close();
  }
}

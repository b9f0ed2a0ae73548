import type { AuthStore, Platform } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import { consoleLogger, type Logger } from '../util/logger.js';
import { isHost } from './callSelectors.js';
import type { CallState } from './callState.js';
import { CallStore } from './callStore.js';
import { createMeetingCalls } from './createMeetingCalls.js';
import type { IceRefresher } from './iceRefresh.js';
import type { LocalMedia } from './localMedia.js';
import { LocalMediaControls } from './localMediaControls.js';
import { sendsCamera } from './localMediaState.js';
import type { MeetingEnd } from './meetingEnd.js';
import { meetingEndOutcome } from './meetingEndOutcome.js';
import { ModerationStore } from './moderationStore.js';
import type { MeetingJoiner } from './meetingJoiner.js';
import type { MeetingPreparation } from './meetingPreparation.js';
import type { MeetingMesh } from './meetingMesh.js';
import type { MeetingSfu } from './meetingSfu.js';
import { MeetingSignaling } from './meetingSignaling.js';
import type { PeerFactory } from './peerLike.js';
import type { PeerMesh } from './peerMesh.js';
import { createBackoffPolicy, type ReconnectPolicy } from './reconnectPolicy.js';
import type { CallControls } from './runShellCommand.js';
import type { MeetingScreenShare } from './meetingScreenShare.js';
import { RoomLink } from './roomLink.js';
import { LobbyLink } from './lobbyLink.js';
import type { SignalingChannel } from './signalingChannel.js';
import type { StreamKind } from './streamKind.js';
import { serverProblem } from './callProblem.js';
import type { TalkingPeers } from './talkingPeers.js';
import { wireMeeting } from './wireMeeting.js';
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
  /** Where what the person need not see is reported; the console unless a test supplies its own. */
  logger?: Logger;
}

const LEAVE_ACK_MS = 1_500;
/**
 * At most this long after Join, the meeting view waits for the join's answer and the calls it places to be set
 * up (see `afterCallSetup`).
 */
const JOIN_SETUP_HOLD_MS = 400;

/**
 * One meeting, from join to leave: joining (and rejoining after the socket drops) over our server's
 * Socket.io signaling (MeetingJoiner), local media and the screen share, the participants (MeetingMesh)
 * and the calls (PeerMesh), with an immutable snapshot React reads through `useSyncExternalStore`. It
 * keeps media flowing through a server restart and rejoins by itself when the server is back. Every
 * way the meeting ends goes through `finish`.
 */
export class MeetingClient implements CallControls {
  private readonly store: CallStore;
  private readonly signaling: SignalingChannel;
  private readonly peers: PeerMesh;
  private readonly roster: MeetingMesh;
  /** Where media flows: the mesh, or the SFU once the server moves the meeting there. */
  private readonly sfu: MeetingSfu;
  private readonly ice: IceRefresher;
  /** Our screen share (meetingScreenShare.ts). */
  private readonly screen: MeetingScreenShare;
  private readonly disposers: (() => void)[] = [];
  private readonly joiner: MeetingJoiner;
  /** We asked the server to end the meeting for everyone and wait for its answer. */
  private ending = false;
  private ended = false;
  /** The pre-join screen's prepared connections (meetingPreparation.ts). */
  private readonly preparation: MeetingPreparation;
  /** Microphone, camera and screen share on and off (localMediaControls.ts). */
  private readonly localControls: LocalMediaControls;
  /** Lets the store go once the join's answer placed its calls (or the join ended). */
  private releaseJoinHold: () => void = () => undefined;

  /** Chat, hands and reactions travel over the meeting's own connection (features/room uses it). */
  readonly room: RoomLink;
  /** The host's powers: the meeting's controls, what a host did to us, and the requests (features/moderation). */
  readonly moderation: ModerationStore;
  /** The waiting room's queue and answers, for the host (features/lobby uses it). */
  readonly lobby: LobbyLink;

  readonly subscribe: CallStore['subscribe'];
  readonly getSnapshot: CallStore['getSnapshot'];

  constructor(private readonly options: MeetingClientOptions) {
    const policy = options.policy ?? createBackoffPolicy();
    const logger = options.logger ?? consoleLogger;
    this.store = new CallStore((presence) => options.platform.presenceChanged(presence));
    this.subscribe = this.store.subscribe;
    this.getSnapshot = this.store.getSnapshot;
    const createSignaling = options.createSignaling ?? ((url, auth) => new MeetingSignaling(url, auth));
    this.signaling = createSignaling(options.serverUrl, options.platform.auth);
    this.room = new RoomLink(this.signaling);
    this.moderation = new ModerationStore(this.signaling, {
      self: () => (this.state.self ? { userId: this.state.self.userId, media: this.state.local } : null),
      muteMicrophone: () => this.whileActive(() => options.media.setAudioEnabled(false)),
      unmuteMicrophone: () => this.whileActive(() => options.media.setAudioEnabled(true)),
      stopCamera: () => this.whileActive(() => options.media.setVideoEnabled(false)),
      stopScreenShare: () => this.screen.stop(),
      removed: (notice) =>
        this.finish({ type: 'ended', code: notice.code, problem: { type: 'removed', by: notice.by.displayName } }),
    });
    this.lobby = new LobbyLink(this.signaling);
    const calls = createMeetingCalls({
      options,
      store: this.store,
      signaling: this.signaling,
      policy,
      logger,
      label: () => this.label(),
      localChanged: (local) => this.localControls.localChanged(local),
    });
    this.peers = calls.peers;
    this.roster = calls.roster;
    this.sfu = calls.sfu;
    this.screen = calls.screen;
    this.joiner = calls.joiner;
    this.preparation = calls.preparation;
    this.ice = calls.ice;
    this.localControls = new LocalMediaControls({
      store: this.store,
      signaling: this.signaling,
      media: options.media,
      moderation: this.moderation,
      screen: this.screen,
    });
  }

  get code(): string {
    return this.options.code;
  }

  get media(): LocalMedia {
    return this.options.media;
  }

  /** A remote participant's camera or screen stream, for a <video> element. */
  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.sfu.owns(peerId) ? this.sfu.stream(peerId, kind) : this.peers.stream(peerId, kind);
  }

  /** Who the SFU says is talking (for React: re-read `talkingBySfu` when it changes). */
  get sfuTalkers(): Pick<TalkingPeers, 'subscribe' | 'getSnapshot'> {
    return this.sfu.talkers;
  }

  /**
   * Whether this person is talking as the SFU hears them (Janus's talking events), when the SFU carries their
   * voice; null when it comes over the mesh, where the client measures the audio it receives.
   */
  talkingBySfu(peerId: string): boolean | null {
    return this.sfu.talking(peerId);
  }

  /**
   * How wide (CSS pixels) a remote person's camera tile is shown: in an SFU meeting their camera is received at
   * the simulcast layer that fits.
   */
  tileWidth(peerId: string, width: number): void {
    this.sfu.setTileWidth(peerId, width);
  }

  /** A system notification about this meeting: the platform shows it only when the window is not in front. */
  notify(title: string): void {
    this.options.platform.notify(title, this.label());
  }

  /** The meeting's title, or its code, for notifications. */
  private label(): string {
    return this.state.meeting?.title || i18n.t('call.meetingWithCode', { code: this.options.code });
  }

  /** The statistics of our camera call with a remote participant, for the connection quality on their tile. */
  stats(peerId: string): Promise<RTCStatsReport | null> {
    return this.peers.stats(peerId);
  }

  /** We ended the meeting for everyone (so there is nothing to rejoin). */
  get endedForEveryone(): boolean {
    return this.ended;
  }

  get localScreen(): MediaStream | null {
    return this.screen.stream;
  }

  /**
   * While the pre-join screen shows: connect to our server and open our Peer with a prepared peer id
   * (`meeting:prepare`), so that Join is one message and calls are placed as soon as it is answered.
   */
  prepare(): void {
    this.preparation.prepare();
  }

  /** Leaves the pre-join screen without joining: the prepared connections close. */
  dispose(): void {
    this.preparation.dispose();
  }

  join(): void {
    if (this.state.phase !== 'idle' || this.preparation.disposed) return;
    this.preparation.stop();
    this.releaseJoinHold = this.store.hold(JOIN_SETUP_HOLD_MS);
    const { audio } = this.options.media.state;
    const video = sendsCamera(this.options.media.state);
    this.store.dispatch({ type: 'join-started', local: { audio, video, screen: false } });
    this.peers.setMicrophoneOn(audio);
    this.wire();
    this.joiner.start();
    // Prepared: the socket is already up, and joining is the one message.
    if (this.signaling.connected) {
      this.roster.updateBanner();
      this.joiner.connected();
    } else {
      this.signaling.connect();
    }
  }

  /**
   * Runs `show` once the join's calls no longer need the main thread (their offers and answers are through, or
   * a few hundred milliseconds have passed), or at once when nothing is being set up: the meeting view's first
   * render (tens of milliseconds) then comes after call setup instead of delaying the first picture.
   */
  afterCallSetup(show: () => void): void {
    let shown = false;
    const once = () => {
      if (shown) return;
      shown = true;
      clearTimeout(latest);
      show();
    };
    // However many calls are set up meanwhile (more people joining), never later than this.
    const latest = setTimeout(once, 2 * JOIN_SETUP_HOLD_MS);
    this.store.whenReleased(once);
  }

  toggleMicrophone(): void {
    this.localControls.toggleMicrophone();
  }

  toggleCamera(): void {
    this.localControls.toggleCamera();
  }

  toggleScreenShare(): void {
    this.localControls.toggleScreenShare();
  }

  leave(): void {
    this.finish({ type: 'left' });
  }

  /**
   * Host only: ends the meeting for everyone. The others are told by the server and see why; we go
   * back as if we had left. A refusal (not the host, server unreachable) is shown and we stay.
   */
  async endForEveryone(): Promise<void> {
    if (this.state.phase !== 'in-meeting' || !this.hosting || this.ending) return;
    this.ending = true;
    const reply = await this.signaling.request('meeting:end', {});
    if (!this.active) return;
    this.ending = false;
    if (reply.ok || reply.error.code === 'MEETING_ENDED') this.finish({ type: 'ended-by-us' });
    else this.store.dispatch({ type: 'error', problem: serverProblem(reply.error.code) });
  }

  /** We host now: the creator, or whom hosting passed to (the creator until the controls arrive). */
  get hosting(): boolean {
    return this.moderation.role === null ? isHost(this.state) : this.moderation.hosting;
  }

  private whileActive(task: () => Promise<void>): void {
    if (this.active) drop(task());
  }

  private get state(): CallState {
    return this.store.state;
  }

  private get active(): boolean {
    return this.store.active;
  }

  /** Connects the collaborators once the person joins (wireMeeting.ts). */
  private wire(): void {
    this.disposers.push(
      ...wireMeeting({
        store: this.store,
        signaling: this.signaling,
        joiner: this.joiner,
        roster: this.roster,
        peers: this.peers,
        sfu: this.sfu,
        ice: this.ice,
        screen: this.screen,
        media: this.options.media,
        platform: this.options.platform,
        controls: this,
        releaseJoinHold: () => this.releaseJoinHold(),
        ending: () => this.ending,
        finish: (end) => this.finish(end),
        localChanged: (local) => this.localControls.localChanged(local),
      }),
    );
  }

  /** The one way a meeting ends: what the person sees (meetingEndOutcome.ts), then a single teardown. */
  private finish(given: MeetingEnd): void {
    if (!this.active) return;
    const { end, action, sendLeave } = meetingEndOutcome(given, this.signaling.connected);
    if (end.type === 'ended-by-us') this.ended = true;
    this.store.dispatch(action);
    this.releaseJoinHold();
    drop(this.teardown(sendLeave));
    // A revoked sign-in: the person is signed out here too.
    if (end.type === 'signed-out') drop(this.options.platform.auth.logout());
  }

  private async teardown(sendLeave: boolean): Promise<void> {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.moderation.dispose();
    this.joiner.cancel();
    this.roster.stopTimers();
    this.sfu.stop();
    this.ice.stop();
    // Camera, microphone and screen are released at once; the calls end after the server knows we left,
    // so the others see us leave instead of a call that dropped and is being re-dialled.
    this.screen.release();
    this.options.media.stop();
    if (sendLeave && this.signaling.connected)
      await this.signaling.request('meeting:leave', {}, { timeoutMs: LEAVE_ACK_MS });
    this.peers.destroy();
    this.signaling.close();
  }
}

import { drop } from '../util/drop.js';
import { consoleLogger } from '../util/logger.js';
import { isHost } from './callSelectors.js';
import type { CallState } from './callState.js';
import { CallStore } from './callStore.js';
import { createMeetingCalls, type MeetingCalls } from './createMeetingCalls.js';
import { JoinSetupHold } from './joinSetupHold.js';
import type { LocalMedia } from './localMedia.js';
import { LocalMediaControls } from './localMediaControls.js';
import { sendsCamera } from './localMediaState.js';
import type { MeetingClientOptions } from './meetingClientOptions.js';
import type { MeetingEnd } from './meetingEnd.js';
import { meetingEndOutcome } from './meetingEndOutcome.js';
import { ModerationStore } from './moderationStore.js';
import { MeetingSignaling } from './meetingSignaling.js';
import { createBackoffPolicy } from './reconnectPolicy.js';
import { RemoteMedia } from './remoteMedia.js';
import type { CallControls } from './runShellCommand.js';
import { RoomLink } from './roomLink.js';
import { LobbyLink } from './lobbyLink.js';
import type { SharePhaseSource } from './sharePhase.js';
import type { SignalingChannel } from './signalingChannel.js';
import { serverProblem } from './callProblem.js';
import { tearDownMeeting } from './tearDownMeeting.js';
import { wireMeeting } from './wireMeeting.js';
import { i18n } from '../i18n/i18n.js';

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
  /** The meeting's collaborators (createMeetingCalls.ts), connected on join by `wireMeeting`. */
  private readonly calls: MeetingCalls;
  private readonly disposers: (() => void)[] = [];
  /** We asked the server to end the meeting for everyone and wait for its answer. */
  private ending = false;
  private ended = false;
  /** Microphone, camera and screen share on and off (localMediaControls.ts). */
  private readonly localControls: LocalMediaControls;
  /** Holds the store from Join until the join's answer placed its calls (joinSetupHold.ts). */
  private readonly joinHold: JoinSetupHold;

  /** Chat, hands and reactions travel over the meeting's own connection (features/room uses it). */
  readonly room: RoomLink;
  /** The host's powers: the meeting's controls, what a host did to us, and the requests (features/moderation). */
  readonly moderation: ModerationStore;
  /** The waiting room's queue and answers, for the host (features/lobby uses it). */
  readonly lobby: LobbyLink;
  /** The others' streams, talking and call statistics, from the mesh or the SFU (features/stage uses it). */
  readonly remote: RemoteMedia;

  readonly subscribe: CallStore['subscribe'];
  readonly getSnapshot: CallStore['getSnapshot'];

  constructor(private readonly options: MeetingClientOptions) {
    this.store = new CallStore((presence) => options.platform.presenceChanged(presence));
    this.subscribe = this.store.subscribe;
    this.getSnapshot = this.store.getSnapshot;
    this.joinHold = new JoinSetupHold(this.store);
    const createSignaling = options.createSignaling ?? ((url, auth) => new MeetingSignaling(url, auth));
    this.signaling = createSignaling(options.serverUrl, options.platform.auth);
    this.room = new RoomLink(this.signaling);
    this.moderation = new ModerationStore(this.signaling, {
      // Our share counts from its start (sharePhase.ts), not from when our own view shows it.
      self: () =>
        this.state.self
          ? {
              userId: this.state.self.userId,
              media: { ...this.state.local, screen: this.calls.screen.sharePhase !== 'off' },
            }
          : null,
      muteMicrophone: () => this.whileActive(() => options.media.setAudioEnabled(false)),
      unmuteMicrophone: () => this.whileActive(() => options.media.setAudioEnabled(true)),
      stopCamera: () => this.whileActive(() => options.media.setVideoEnabled(false)),
      stopScreenShare: () => this.calls.screen.stop(),
      removed: (notice) =>
        this.finish({ type: 'ended', code: notice.code, problem: { type: 'removed', by: notice.by.displayName } }),
    });
    this.lobby = new LobbyLink(this.signaling);
    this.calls = createMeetingCalls({
      options,
      store: this.store,
      signaling: this.signaling,
      policy: options.policy ?? createBackoffPolicy(),
      logger: options.logger ?? consoleLogger,
      label: () => this.label(),
      localChanged: (local, shown) => this.localControls.localChanged(local, shown),
    });
    this.remote = new RemoteMedia(this.calls.peers, this.calls.sfu);
    this.localControls = new LocalMediaControls({
      store: this.store,
      signaling: this.signaling,
      media: options.media,
      moderation: this.moderation,
      screen: this.calls.screen,
    });
  }

  get code(): string {
    return this.options.code;
  }

  get media(): LocalMedia {
    return this.options.media;
  }

  get localScreen(): MediaStream | null {
    return this.calls.screen.stream;
  }

  /** Our share's phase, told at once (the share's own controls follow it; the stage waits for its first frame). */
  get share(): SharePhaseSource {
    return this.calls.screen;
  }

  /** A system notification about this meeting: the platform shows it only when the window is not in front. */
  notify(title: string): void {
    this.options.platform.notify(title, this.label());
  }

  /** The meeting's title, or its code, for notifications. */
  private label(): string {
    return this.state.meeting?.title || i18n.t('call.meetingWithCode', { code: this.options.code });
  }

  /** We ended the meeting for everyone (so there is nothing to rejoin). */
  get endedForEveryone(): boolean {
    return this.ended;
  }

  /**
   * While the pre-join screen shows: connect to our server and open our Peer with a prepared peer id
   * (`meeting:prepare`), so that Join is one message and calls are placed as soon as it is answered.
   */
  prepare(): void {
    this.calls.preparation.prepare();
  }

  /** Leaves the pre-join screen without joining: the prepared connections close. */
  dispose(): void {
    this.calls.preparation.dispose();
  }

  join(): void {
    const { preparation, peers, joiner, roster } = this.calls;
    if (this.state.phase !== 'idle' || preparation.disposed) return;
    preparation.stop();
    this.joinHold.start();
    const { audio } = this.options.media.state;
    const video = sendsCamera(this.options.media.state);
    this.store.dispatch({ type: 'join-started', local: { audio, video, screen: false } });
    peers.setMicrophoneOn(audio);
    this.wire();
    joiner.start();
    // Prepared: the socket is already up, and joining is the one message.
    if (this.signaling.connected) {
      roster.updateBanner();
      joiner.connected();
    } else {
      this.signaling.connect();
    }
  }

  /** Runs `show` once the join's calls are set up, at the latest a moment after (joinSetupHold.ts). */
  afterCallSetup(show: () => void): void {
    this.joinHold.afterCallSetup(show);
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
        ...this.calls,
        store: this.store,
        signaling: this.signaling,
        media: this.options.media,
        platform: this.options.platform,
        controls: this,
        releaseJoinHold: () => this.joinHold.release(),
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
    this.joinHold.release();
    const { disposers, moderation, signaling } = this;
    drop(tearDownMeeting({ ...this.calls, disposers, moderation, signaling, media: this.options.media }, sendLeave));
    // A revoked sign-in: the person is signed out here too.
    if (end.type === 'signed-out') drop(this.options.platform.auth.logout());
  }
}

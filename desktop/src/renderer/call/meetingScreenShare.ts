import type { MediaUpdate, Participant } from '@wava/protocol';
import { afterFirstFrameSent } from './afterFirstFrameSent.js';
import { tileOf } from './callSelectors.js';
import type { CallStore } from './callStore.js';
import type { LocalChangeShown } from './localMediaControls.js';
import type { MeetingSfu } from './meetingSfu.js';
import type { PeerMesh } from './peerMesh.js';
import { ScreenShare } from './screenShare.js';
import type { SharePhase, SharePhaseSource } from './sharePhase.js';

export interface MeetingScreenShareOptions {
  store: CallStore;
  /** The mesh's calls (our screen on each call's slot, or by a call of its own). */
  peers: Pick<PeerMesh, 'startScreen' | 'stopScreen' | 'screenSenders'>;
  /** The SFU's publisher, once the meeting moved there. */
  sfu: Pick<MeetingSfu, 'setScreen'>;
  /**
   * What we send changed: our tile, the host's rules and the server follow (`MeetingClient.localChanged`); with
   * `later`, our tile is left to us.
   */
  localChanged(local: MediaUpdate, shown?: LocalChangeShown): void;
}

/**
 * Our screen share in a meeting (meetingClient.ts): started from the picker, sent over the mesh and the SFU,
 * and stopped by the person, by the browser or OS ("Stop sharing"), by the host, or by someone else presenting.
 */
export class MeetingScreenShare implements SharePhaseSource {
  private readonly screen = new ScreenShare(() => this.stop());
  /** Cancels showing our share in our own view while its first frame is on its way (afterFirstFrameSent.ts). */
  private cancelShow: (() => void) | null = null;
  private phase: SharePhase = 'off';
  /** The picker is open (getDisplayMedia has not answered). */
  private picking = false;
  private readonly phaseListeners = new Set<() => void>();

  constructor(private readonly options: MeetingScreenShareOptions) {}

  /** Off, starting (sent, not yet in our own view) or on: told at once, unlike the held view (sharePhase.ts). */
  get sharePhase(): SharePhase {
    return this.phase;
  }

  readonly onSharePhase = (listener: () => void): (() => void) => {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  };

  /** Our screen, while we share. */
  get stream(): MediaStream | null {
    return this.screen.stream;
  }

  /**
   * Opens the picker and sends what is picked. A press while the picker is still open (the desktop app's shortcut)
   * opens no second one.
   */
  async start(): Promise<void> {
    const { store } = this.options;
    if (this.picking) return;
    this.picking = true;
    const result = await this.screen.start().finally(() => {
      this.picking = false;
    });
    if (!store.active) {
      this.screen.stop();
      return;
    }
    if (result.error) store.dispatch({ type: 'error', problem: { type: 'share', problem: result.error } });
    if (!result.stream) return;
    this.options.peers.startScreen(result.stream);
    this.options.sfu.setScreen(result.stream);
    // The server, the host's rules, the shell and the share button hear of it at once; our own view (the stage)
    // follows once the first frame has left.
    this.setPhase('starting');
    this.options.localChanged({ screen: true }, 'later');
    const stream = result.stream;
    this.cancelShow = afterFirstFrameSent(this.options.peers.screenSenders(), () => {
      this.cancelShow = null;
      if (!store.active || this.screen.stream !== stream) return;
      this.setPhase('on');
      store.dispatch({ type: 'local-changed', local: { screen: true } });
    });
  }

  /**
   * One share at a time: someone else started presenting while we do, so theirs replaces ours and we
   * say so. (Two shares started at the same instant both stop; either can share again.)
   */
  replacedBy(participant: Participant): void {
    const { store } = this.options;
    if (!this.screen.stream || !participant.media.screen) return;
    const before = tileOf(store.state, participant.peerId);
    if (!before || before.media.screen) return;
    this.stop();
    store.dispatch({ type: 'share-replaced', by: participant.displayName });
  }

  stop(): void {
    if (!this.options.store.state.local.screen && !this.screen.stream) return;
    this.cancelShow?.();
    this.cancelShow = null;
    this.options.peers.stopScreen();
    this.options.sfu.setScreen(null);
    this.screen.stop();
    this.setPhase('off');
    this.options.localChanged({ screen: false });
  }

  /** The meeting ends: the screen is released at once (the calls end with the meeting). */
  release(): void {
    this.cancelShow?.();
    this.cancelShow = null;
    this.screen.stop();
    this.setPhase('off');
  }

  private setPhase(phase: SharePhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.options.store.screenSent(phase !== 'off');
    for (const listener of [...this.phaseListeners]) listener();
  }
}

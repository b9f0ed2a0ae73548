import type { MediaUpdate } from '@wava/protocol';
import { drop } from '../util/drop.js';
import { serverProblem } from './callProblem.js';
import { cameraButtonOf, cameraOnAfterPress } from './cameraButton.js';
import type { CallStore } from './callStore.js';
import type { LocalMedia } from './localMedia.js';
import type { MeetingScreenShare } from './meetingScreenShare.js';
import type { ModerationStore } from './moderationStore.js';
import type { SignalingChannel } from './signalingChannel.js';

/** When our own view shows a change of what we send: `later` when the caller dispatches it once it is time. */
export type LocalChangeShown = 'now' | 'later';

export interface LocalMediaControlsOptions {
  store: CallStore;
  signaling: SignalingChannel;
  media: LocalMedia;
  /** The meeting's settings, which may refuse turning something on (only hosts may). */
  moderation: Pick<ModerationStore, 'refusal' | 'localChanged'>;
  screen: MeetingScreenShare;
}

/**
 * What the person turns on and off in a meeting (meetingClient.ts): microphone, camera and screen share, each
 * checked against the meeting's settings first, and every change told to our tile and, through the server, to the
 * others.
 */
export class LocalMediaControls {
  constructor(private readonly options: LocalMediaControlsOptions) {}

  toggleMicrophone(): void {
    const { store } = this.options;
    if (!store.active) return;
    const on = !store.state.local.audio;
    if (on && this.refused({ audio: true })) return;
    drop(this.options.media.setAudioEnabled(on));
  }

  /** On from off; off from on, and from starting (the camera is being checked: it is let go, nothing is sent). */
  toggleCamera(): void {
    const { store, media } = this.options;
    if (store.active) drop(media.setVideoEnabled(cameraOnAfterPress(cameraButtonOf(media.state))));
  }

  toggleScreenShare(): void {
    const { store, screen } = this.options;
    if (!store.active) return;
    // Starting (sent, our own view not showing it yet) is sharing too: pressing then stops the share.
    if (screen.sharePhase !== 'off' || store.state.local.screen) screen.stop();
    else if (!this.refused({ screen: true })) drop(screen.start());
  }

  /**
   * What we send changed: our tile shows it (unless the caller shows it `later` itself), and the server tells the
   * others. A change the server refuses (the settings changed meanwhile) is undone here too, so we never send what
   * everyone else is shown as off.
   */
  localChanged(local: MediaUpdate, shown: LocalChangeShown = 'now'): void {
    const { store } = this.options;
    if (shown === 'now') store.dispatch({ type: 'local-changed', local });
    this.options.moderation.localChanged(local);
    drop(
      this.options.signaling.request('media:update', local).then((reply) => {
        if (reply.ok || !store.active) return;
        if (reply.error.code === 'UNMUTE_HOSTS_ONLY') drop(this.options.media.setAudioEnabled(false));
        else if (reply.error.code === 'SCREEN_SHARE_HOSTS_ONLY') this.options.screen.stop();
        else return;
        store.dispatch({ type: 'error', problem: serverProblem(reply.error.code) });
      }),
    );
  }

  /** The meeting's settings refuse turning this on (only hosts may): the person is told why, nothing changes. */
  private refused(update: MediaUpdate): boolean {
    const code = this.options.moderation.refusal(update);
    if (code) this.options.store.dispatch({ type: 'error', problem: serverProblem(code) });
    return code !== null;
  }
}

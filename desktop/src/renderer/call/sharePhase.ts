/**
 * Our screen share, from the moment our screen is sent: `starting` until our own view shows it (the stage waits for
 * the first frame to leave, afterFirstFrameSent.ts), then `on`. Whatever decides from "am I sharing" (the share
 * button, the host's rules, the shell's presence) reads `phase !== 'off'`, never the view's later `local.screen`.
 */
export type SharePhase = 'off' | 'starting' | 'on';

/** Where the share's phase is read and followed (MeetingScreenShare); only the share's own controls subscribe. */
export interface SharePhaseSource {
  readonly sharePhase: SharePhase;
  onSharePhase(listener: () => void): () => void;
}

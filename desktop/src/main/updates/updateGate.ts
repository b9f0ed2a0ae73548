export type UpdatePhase = 'idle' | 'checking' | 'available' | 'downloading' | 'downloaded' | 'error';

export interface UpdateGateState {
  /** Switched off by IT policy (`disableUpdates`). */
  disabledByPolicy: boolean;
  /** An update feed is known (built into the installer, or `updateFeedUrl` from policy). */
  feedConfigured: boolean;
  /** A downloaded update can be checked against this build's code signature (see updateSigning.ts). */
  signatureVerifiable: boolean;
  inMeeting: boolean;
  phase: UpdatePhase;
}

/**
 * The rules for automatic updates, as pure functions of the state: nothing is checked, downloaded or installed
 * when policy says no, or when the update could not be verified against this build's code signature; nothing is downloaded or installed during a meeting (a download in progress is cancelled
 * when one starts and resumed after it).
 */
export const updateGate = {
  enabled: (s: UpdateGateState) => !s.disabledByPolicy && s.feedConfigured && s.signatureVerifiable,
  mayCheck: (s: UpdateGateState) => updateGate.enabled(s) && (s.phase === 'idle' || s.phase === 'error'),
  mayDownload: (s: UpdateGateState) => updateGate.enabled(s) && !s.inMeeting && s.phase === 'available',
  mustCancelDownload: (s: UpdateGateState) => s.phase === 'downloading' && (s.inMeeting || !updateGate.enabled(s)),
  mayInstall: (s: UpdateGateState) => updateGate.enabled(s) && !s.inMeeting && s.phase === 'downloaded',
} as const;

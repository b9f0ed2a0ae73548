import { drop, type Logger } from '../util/log.js';
import type { QuitWait } from '../util/waitBeforeQuit.js';
import { updateGate, type UpdateGateState, type UpdatePhase } from './updateGate.js';

/** The part of electron-updater's AppUpdater the controller drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(cancellationToken?: CancellationLike): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded' | 'update-cancelled',
    listener: () => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface CancellationLike {
  cancel(): void;
}

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  newCancellation(): CancellationLike;
  disabledByPolicy: boolean;
  feedConfigured: boolean;
  signatureVerifiable: boolean;
  /** Quitting's wait for sign-outs still on their way: the install waits for them first (see `installNow`). */
  quitWait: Pick<QuitWait, 'thenQuit'>;
  log: Logger;
  /** Tells the tray and menu that "Restart to Update" is (or is no longer) offered. */
  onReadyChanged(ready: boolean): void;
  /**
   * "Restart to Update" was accepted and the install failed (electron-updater's `error` while installing): the app
   * stays, and the update may be installed again (see recoverFailedInstall.ts).
   */
  onInstallFailed?(): void;
}

export interface UpdateController {
  readonly enabled: boolean;
  state(): UpdateGateState;
  check(): void;
  setInMeeting(inMeeting: boolean): void;
  /**
   * "Restart to Update": refused (false) during a meeting or when nothing is downloaded. Otherwise the install starts
   * once the sign-outs still on their way have been heard by the server (quitting's wait, at most QUIT_WAIT_MS),
   * not before: electron-updater starts the installer at once, and the Windows installer ends a running app after
   * about a second, an AppImage's new version exits if the old one still runs; macOS closes the windows first.
   */
  installNow(): boolean;
}

function offReason(state: UpdateGateState): string {
  if (state.disabledByPolicy) return 'updates are disabled by policy';
  if (!state.feedConfigured) return 'no update feed is configured';
  return 'updates are off: this build is not code-signed, so a downloaded update could not be verified';
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const state: UpdateGateState = {
    disabledByPolicy: deps.disabledByPolicy,
    feedConfigured: deps.feedConfigured,
    signatureVerifiable: deps.signatureVerifiable,
    inMeeting: false,
    phase: 'idle',
  };
  let download: CancellationLike | null = null;
  /** "Restart to Update" was accepted: the install is on its way (a second call to electron-updater would install twice). */
  let installing = false;
  const { updater, log } = deps;
  updater.autoDownload = false;

  const setPhase = (phase: UpdatePhase) => {
    const wasReady = updateGate.mayInstall(state);
    state.phase = phase;
    apply();
    const ready = updateGate.mayInstall(state);
    if (ready !== wasReady) deps.onReadyChanged(ready);
  };

  /** Brings the updater in line with the gate: installs on quit only when allowed, downloads only when allowed. */
  function apply(): void {
    updater.autoInstallOnAppQuit = updateGate.mayInstall(state);
    if (updateGate.mustCancelDownload(state)) {
      download?.cancel();
      download = null;
      state.phase = 'available';
      log.info('update download paused for the meeting');
    }
    if (updateGate.mayDownload(state)) {
      state.phase = 'downloading';
      download = deps.newCancellation();
      updater.downloadUpdate(download).catch((error: unknown) => {
        if (state.phase === 'downloading') {
          log.warn('update download failed', { error: String(error) });
          state.phase = 'error';
        }
      });
    }
  }

  if (updateGate.enabled(state)) {
    updater.on('update-available', () => setPhase('available'));
    updater.on('update-not-available', () => setPhase('idle'));
    updater.on('update-downloaded', () => setPhase('downloaded'));
    updater.on('update-cancelled', () => {
      if (state.phase === 'downloading') setPhase('available');
    });
    updater.on('error', (error) => {
      log.warn('update error', { error: error.message });
      // An install that failed (no installer, the installer did not start, Squirrel.Mac could not apply it) may be
      // asked for again.
      const installFailed = installing;
      installing = false;
      if (installFailed) deps.onInstallFailed?.();
      if (state.phase === 'checking' || state.phase === 'downloading') setPhase('error');
    });
  } else {
    updater.autoInstallOnAppQuit = false;
    log.info(offReason(state));
  }

  return {
    enabled: updateGate.enabled(state),
    state: () => ({ ...state }),
    check() {
      if (!updateGate.mayCheck(state)) return;
      state.phase = 'checking';
      updater.checkForUpdates().catch((error: unknown) => {
        log.warn('update check failed', { error: String(error) });
        setPhase('error');
      });
    },
    setInMeeting(inMeeting) {
      if (state.inMeeting === inMeeting) return;
      const wasReady = updateGate.mayInstall(state);
      state.inMeeting = inMeeting;
      apply();
      const ready = updateGate.mayInstall(state);
      if (ready !== wasReady) deps.onReadyChanged(ready);
    },
    installNow() {
      if (!updateGate.mayInstall(state)) return false;
      if (installing) return true;
      installing = true;
      const install = () => {
        // A meeting that started while the sign-outs were waited for keeps the app (and the update waits for it).
        if (!updateGate.mayInstall(state)) {
          installing = false;
          log.info('update install called off: a meeting started');
          return false;
        }
        updater.quitAndInstall();
        // electron-updater reports an installer that could not start as an `error`, before it returns.
        return installing;
      };
      drop(deps.quitWait.thenQuit(install), log, 'installing the update');
      return true;
    },
  };
}

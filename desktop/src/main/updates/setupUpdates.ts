import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import { autoUpdater, CancellationToken } from 'electron-updater';
import type { Policy } from '../policy/policySchema.js';
import type { PresenceStore } from '../meeting/PresenceStore.js';
import type { Disposable } from '../util/Disposable.js';
import type { Logger } from '../util/log.js';
import type { QuitWait } from '../util/waitBeforeQuit.js';
import { createUpdateController, type UpdateController } from './UpdateController.js';
import { updatesVerifiable } from './updateSigning.js';

const FIRST_CHECK_DELAY_MS = 60_000;
const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdatesDeps {
  app: App;
  policy: Policy;
  presence: PresenceStore;
  /** Quitting's wait for sign-outs still on their way; "Restart to Update" waits for them before installing. */
  quitWait: Pick<QuitWait, 'thenQuit'>;
  log: Logger;
  onReadyChanged(ready: boolean): void;
  /** "Restart to Update" failed: the app stays (see recoverFailedInstall.ts). */
  onInstallFailed?(): void;
}

/**
 * electron-updater from the feed built into the installer (electron-builder's `publish`, written to
 * resources/app-update.yml) or from policy `updateFeedUrl`. Off in development, and off when policy says so.
 */
export function setupUpdates(deps: UpdatesDeps): Disposable & { controller: UpdateController } {
  const feedFromPolicy = deps.policy.updateFeedUrl;
  const appUpdateYml = deps.app.isPackaged ? readAppUpdateYml() : null;
  const feedConfigured = deps.app.isPackaged && (Boolean(feedFromPolicy) || appUpdateYml !== null);
  const signatureVerifiable = updatesVerifiable(process.platform, appUpdateYml);
  if (feedFromPolicy && feedConfigured && signatureVerifiable && !deps.policy.disableUpdates) {
    autoUpdater.setFeedURL({ provider: 'generic', url: feedFromPolicy });
  }
  autoUpdater.logger = {
    info: (message?: unknown) => deps.log.info(String(message)),
    warn: (message?: unknown) => deps.log.warn(String(message)),
    error: (message?: unknown) => deps.log.error(String(message)),
  };
  const controller = createUpdateController({
    updater: autoUpdater,
    newCancellation: () => new CancellationToken(),
    disabledByPolicy: deps.policy.disableUpdates === true,
    feedConfigured,
    signatureVerifiable,
    quitWait: deps.quitWait,
    log: deps.log,
    onReadyChanged: deps.onReadyChanged,
    ...(deps.onInstallFailed ? { onInstallFailed: deps.onInstallFailed } : {}),
  });
  const unsubscribe = deps.presence.onChange((presence) => controller.setInMeeting(presence.inMeeting));
  const first = setTimeout(() => controller.check(), FIRST_CHECK_DELAY_MS);
  const interval = setInterval(() => controller.check(), CHECK_INTERVAL_MS);
  return {
    controller,
    dispose() {
      unsubscribe();
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}

/** resources/app-update.yml: the built-in feed, and for a signed Windows build the publisher updates must match. */
function readAppUpdateYml(): string | null {
  try {
    return readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

import { Menu, nativeImage, Tray } from 'electron';
import type { MainText } from '../i18n/mainText.js';
import type { PresenceStore } from '../meeting/PresenceStore.js';
import { trayMenuTemplate, trayStatus, type TrayActions } from './trayMenuTemplate.js';
import type { Disposable } from '../util/Disposable.js';

export interface TrayDeps {
  presence: PresenceStore;
  /** Icon files: macOS uses a template image (it adapts to light and dark menu bars). */
  iconPath(inMeeting: boolean): string;
  updateReady(): boolean;
  actions: TrayActions;
  /** Labels in the system's language (English if absent). */
  text?: MainText;
}

/** The tray icon: status in the tooltip and first menu line, quick actions below. */
export function setupTray(deps: TrayDeps): Disposable & { refresh(): void } {
  const tray = new Tray(nativeImage.createFromPath(deps.iconPath(false)));
  let lastInMeeting = false;

  function refresh(): void {
    const presence = deps.presence.get();
    if (presence.inMeeting !== lastInMeeting) {
      lastInMeeting = presence.inMeeting;
      tray.setImage(nativeImage.createFromPath(deps.iconPath(presence.inMeeting)));
    }
    tray.setToolTip(trayStatus(presence, deps.text));
    tray.setContextMenu(
      Menu.buildFromTemplate(trayMenuTemplate(presence, deps.updateReady(), deps.actions, deps.text)),
    );
  }

  refresh();
  // Windows and Linux: a click on the icon brings the window back.
  tray.on('click', () => {
    if (process.platform !== 'darwin') deps.actions.show();
  });
  const unsubscribe = deps.presence.onChange(refresh);
  return {
    refresh,
    dispose() {
      unsubscribe();
      tray.destroy();
    },
  };
}

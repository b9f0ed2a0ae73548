import type { MenuItemConstructorOptions } from 'electron';
import type { MeetingPresence, ShellCommand } from '../../shared/ipcSchemas.js';
import { englishText, type MainText } from '../i18n/mainText.js';

export interface TrayActions {
  show(): void;
  command(command: ShellCommand): void;
  restartToUpdate(): void;
  quit(): void;
}

/** One line of status for the tray tooltip and the menu's first (disabled) item. */
export function trayStatus(presence: MeetingPresence, t: MainText = englishText): string {
  if (!presence.inMeeting) return t('shell.tray.notInMeeting');
  const count = Math.max(presence.participantCount - 1, 0);
  return t(presence.sharingScreen ? 'shell.tray.inMeetingSharing' : 'shell.tray.inMeeting', { count });
}

export function trayMenuTemplate(
  presence: MeetingPresence,
  updateReady: boolean,
  actions: TrayActions,
  t: MainText = englishText,
): MenuItemConstructorOptions[] {
  const inMeeting = presence.inMeeting;
  return [
    { id: 'status', label: trayStatus(presence, t), enabled: false },
    { type: 'separator' },
    { id: 'show', label: t('shell.tray.show'), click: () => actions.show() },
    {
      id: 'toggle-microphone',
      label: t('shell.menu.toggleMicrophone'),
      enabled: inMeeting,
      click: () => actions.command('toggle-microphone'),
    },
    {
      id: 'toggle-camera',
      label: t('shell.menu.toggleCamera'),
      enabled: inMeeting,
      click: () => actions.command('toggle-camera'),
    },
    {
      id: 'toggle-screen-share',
      label: presence.sharingScreen ? t('shell.tray.stopSharing') : t('shell.tray.shareScreen'),
      enabled: inMeeting,
      // Sharing starts with the picker, which lives in the window: bring it to the front first.
      click: () => {
        if (!presence.sharingScreen) actions.show();
        actions.command('toggle-screen-share');
      },
    },
    {
      id: 'leave-meeting',
      label: t('shell.menu.leaveMeeting'),
      enabled: inMeeting,
      click: () => actions.command('leave-meeting'),
    },
    { type: 'separator' },
    ...(updateReady
      ? [
          {
            id: 'restart-to-update',
            label: t('shell.menu.restartToUpdate'),
            enabled: !inMeeting,
            click: () => actions.restartToUpdate(),
          },
        ]
      : []),
    { id: 'quit', label: t('shell.tray.quit'), click: () => actions.quit() },
  ];
}

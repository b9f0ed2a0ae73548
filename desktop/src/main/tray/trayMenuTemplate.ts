import type { MenuItemConstructorOptions } from 'electron';
import type { MeetingPresence, ShellCommand } from '../../shared/ipcSchemas.js';

export interface TrayActions {
  show(): void;
  command(command: ShellCommand): void;
  restartToUpdate(): void;
  quit(): void;
}

/** One line of status for the tray tooltip and the menu's first (disabled) item. */
export function trayStatus(presence: MeetingPresence): string {
  if (!presence.inMeeting) return 'Wava - not in a meeting';
  const others = Math.max(presence.participantCount - 1, 0);
  const people = others === 1 ? '1 other person' : `${others} other people`;
  const sharing = presence.sharingScreen ? ', sharing your screen' : '';
  return `Wava - in a meeting with ${people}${sharing}`;
}

export function trayMenuTemplate(
  presence: MeetingPresence,
  updateReady: boolean,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const inMeeting = presence.inMeeting;
  return [
    { id: 'status', label: trayStatus(presence), enabled: false },
    { type: 'separator' },
    { id: 'show', label: 'Show Wava', click: () => actions.show() },
    {
      id: 'toggle-microphone',
      label: 'Mute or Unmute Microphone',
      enabled: inMeeting,
      click: () => actions.command('toggle-microphone'),
    },
    {
      id: 'toggle-camera',
      label: 'Turn Camera On or Off',
      enabled: inMeeting,
      click: () => actions.command('toggle-camera'),
    },
    {
      id: 'toggle-screen-share',
      label: presence.sharingScreen ? 'Stop Sharing Screen' : 'Share Screen',
      enabled: inMeeting,
      // Sharing starts with the picker, which lives in the window: bring it to the front first.
      click: () => {
        if (!presence.sharingScreen) actions.show();
        actions.command('toggle-screen-share');
      },
    },
    { id: 'leave-meeting', label: 'Leave Meeting', enabled: inMeeting, click: () => actions.command('leave-meeting') },
    { type: 'separator' },
    ...(updateReady
      ? [
          {
            id: 'restart-to-update',
            label: 'Restart to Update',
            enabled: !inMeeting,
            click: () => actions.restartToUpdate(),
          },
        ]
      : []),
    { id: 'quit', label: 'Quit Wava', click: () => actions.quit() },
  ];
}

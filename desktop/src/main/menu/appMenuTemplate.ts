import type { MenuItemConstructorOptions } from 'electron';
import type { MeetingPresence, ShellCommand } from '../../shared/ipcSchemas.js';
import { MEETING_SHORTCUTS } from '../../shared/meetingShortcuts.js';
import { englishText, type MainText } from '../i18n/mainText.js';

export interface AppMenuActions {
  command(command: ShellCommand): void;
  checkForUpdates(): void;
  restartToUpdate(): void;
}

export interface AppMenuState {
  platform: NodeJS.Platform;
  appName: string;
  presence: MeetingPresence;
  updatesEnabled: boolean;
  updateReady: boolean;
  /** DevTools and reload only while developing. */
  developer: boolean;
}

/**
 * The native menu. The Meeting menu carries the shortcuts; its items work only in a meeting. Plain roles
 * for everything standard (edit, window), so copy and paste work in text fields on macOS.
 */
export function appMenuTemplate(
  state: AppMenuState,
  actions: AppMenuActions,
  t: MainText = englishText,
): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const updateItems: MenuItemConstructorOptions[] = state.updatesEnabled
    ? state.updateReady
      ? [
          {
            id: 'restart-to-update',
            label: t('shell.menu.restartToUpdate'),
            enabled: !state.presence.inMeeting,
            click: () => actions.restartToUpdate(),
          },
        ]
      : [{ id: 'check-for-updates', label: t('shell.menu.checkForUpdates'), click: () => actions.checkForUpdates() }]
    : [];

  const meeting: MenuItemConstructorOptions = {
    label: t('shell.menu.meeting'),
    submenu: MEETING_SHORTCUTS.map((shortcut) => ({
      id: shortcut.command,
      label: t(`shell.menu.${shortcut.labelKey}`),
      accelerator: shortcut.accelerator,
      enabled: state.presence.inMeeting,
      click: () => actions.command(shortcut.command),
    })),
  };

  const view: MenuItemConstructorOptions = {
    label: t('shell.menu.view'),
    submenu: [
      ...(state.developer ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ role: 'about' }, ...updateItems] };

  if (mac) {
    return [
      {
        label: state.appName,
        submenu: [
          { role: 'about' },
          ...updateItems,
          { type: 'separator' },
          { role: 'services' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      meeting,
      view,
      { role: 'windowMenu' },
    ];
  }
  return [
    { label: t('shell.menu.file'), submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    meeting,
    view,
    { role: 'windowMenu' },
    help,
  ];
}

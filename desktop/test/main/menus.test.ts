import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../../src/shared/ipcSchemas.js';
import { appMenuTemplate, type AppMenuState } from '../../src/main/menu/appMenuTemplate.js';
import { MEETING_SHORTCUTS } from '../../src/shared/meetingShortcuts.js';
import { NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';
import { trayMenuTemplate, trayStatus } from '../../src/main/tray/trayMenuTemplate.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 3 };

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function recorder() {
  const log: string[] = [];
  return {
    log,
    actions: {
      command: (command: ShellCommand) => void log.push(command),
      checkForUpdates: () => void log.push('check'),
      restartToUpdate: () => void log.push('restart'),
      show: () => void log.push('show'),
      quit: () => void log.push('quit'),
    },
  };
}

const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as unknown as (() => void) | undefined)?.();

describe('native menu', () => {
  const state = (overrides: Partial<AppMenuState> = {}): AppMenuState => ({
    platform: 'win32',
    appName: 'Wava',
    presence: IN_MEETING,
    updatesEnabled: true,
    updateReady: false,
    developer: false,
    ...overrides,
  });

  it('has a shortcut for microphone, camera, share and leave that sends the command to the renderer', () => {
    const { log, actions } = recorder();
    const items = flatten(appMenuTemplate(state(), actions));
    for (const shortcut of MEETING_SHORTCUTS) {
      const item = items.find((candidate) => candidate.id === shortcut.command);
      expect(item?.accelerator).toBe(shortcut.accelerator);
      click(item);
    }
    expect(log).toEqual(['toggle-microphone', 'toggle-camera', 'toggle-screen-share', 'leave-meeting']);
  });

  it('uses distinct accelerators', () => {
    const accelerators = MEETING_SHORTCUTS.map((shortcut) => shortcut.accelerator);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('disables the meeting items outside a meeting', () => {
    const items = flatten(appMenuTemplate(state({ presence: NOT_IN_MEETING }), recorder().actions));
    expect(MEETING_SHORTCUTS.map((shortcut) => items.find((item) => item.id === shortcut.command)?.enabled)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('keeps the standard Edit menu (copy/paste on macOS) and an app menu on macOS', () => {
    const mac = appMenuTemplate(state({ platform: 'darwin' }), recorder().actions);
    expect(mac[0]?.label).toBe('Wava');
    expect(mac.some((item) => item.role === 'editMenu')).toBe(true);
  });

  it('offers reload and DevTools only while developing', () => {
    const roles = (developer: boolean) =>
      flatten(appMenuTemplate(state({ developer }), recorder().actions)).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('offers "Restart to Update" when one is ready, disabled during a meeting', () => {
    const items = flatten(appMenuTemplate(state({ updateReady: true }), recorder().actions));
    expect(items.find((item) => item.id === 'restart-to-update')?.enabled).toBe(false);
    const idle = flatten(appMenuTemplate(state({ updateReady: true, presence: NOT_IN_MEETING }), recorder().actions));
    expect(idle.find((item) => item.id === 'restart-to-update')?.enabled).toBe(true);
  });

  it('has no update items when updates are off', () => {
    const items = flatten(appMenuTemplate(state({ updatesEnabled: false }), recorder().actions));
    expect(items.some((item) => item.id === 'check-for-updates' || item.id === 'restart-to-update')).toBe(false);
  });
});

describe('tray', () => {
  it('says what is going on', () => {
    expect(trayStatus(NOT_IN_MEETING)).toBe('Wava - not in a meeting');
    expect(trayStatus(IN_MEETING)).toBe('Wava - in a meeting with 2 other people');
    expect(trayStatus({ ...IN_MEETING, participantCount: 2, sharingScreen: true })).toBe(
      'Wava - in a meeting with 1 other person, sharing your screen',
    );
  });

  it('offers quick actions in a meeting and sends them to the renderer', () => {
    const { log, actions } = recorder();
    const items = trayMenuTemplate(IN_MEETING, false, actions);
    for (const id of ['show', 'toggle-microphone', 'toggle-camera', 'leave-meeting', 'quit'])
      click(items.find((item) => item.id === id));
    expect(log).toEqual(['show', 'toggle-microphone', 'toggle-camera', 'leave-meeting', 'quit']);
  });

  it('brings the window forward before starting a share (the picker is there), not when stopping one', () => {
    const starting = recorder();
    click(trayMenuTemplate(IN_MEETING, false, starting.actions).find((item) => item.id === 'toggle-screen-share'));
    expect(starting.log).toEqual(['show', 'toggle-screen-share']);
    const stopping = recorder();
    const item = trayMenuTemplate({ ...IN_MEETING, sharingScreen: true }, false, stopping.actions).find(
      (i) => i.id === 'toggle-screen-share',
    );
    expect(item?.label).toBe('Stop Sharing Screen');
    click(item);
    expect(stopping.log).toEqual(['toggle-screen-share']);
  });

  it('disables meeting actions outside a meeting and shows the status line', () => {
    const items = trayMenuTemplate(NOT_IN_MEETING, false, recorder().actions);
    expect(items[0]).toMatchObject({ label: 'Wava - not in a meeting', enabled: false });
    expect(items.filter((item) => item.enabled === false).map((item) => item.id)).toEqual([
      'status',
      'toggle-microphone',
      'toggle-camera',
      'toggle-screen-share',
      'leave-meeting',
    ]);
  });

  it('offers the update restart only outside a meeting', () => {
    expect(
      trayMenuTemplate(IN_MEETING, true, recorder().actions).find((item) => item.id === 'restart-to-update')?.enabled,
    ).toBe(false);
    expect(
      trayMenuTemplate(NOT_IN_MEETING, true, recorder().actions).find((item) => item.id === 'restart-to-update')
        ?.enabled,
    ).toBe(true);
  });
});

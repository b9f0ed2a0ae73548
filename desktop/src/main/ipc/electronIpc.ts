import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import type { IpcTransport } from './IpcRouter.js';
import type { SenderInfo, WindowRole } from './senderPolicy.js';

export type ElectronIpcEvent = IpcMainEvent | IpcMainInvokeEvent;

/** Which webContents are which of our windows. Set by the window factories; nothing else is trusted. */
export function createWindowRoles() {
  const roles = new WeakMap<WebContents, WindowRole>();
  return {
    assign: (contents: WebContents, role: WindowRole) => roles.set(contents, role),
    roleOf: (contents: WebContents): WindowRole | null => roles.get(contents) ?? null,
  };
}
export type WindowRoles = ReturnType<typeof createWindowRoles>;

export const electronIpcTransport: IpcTransport<ElectronIpcEvent> = {
  handle: (channel, listener) => ipcMain.handle(channel, listener),
  removeHandler: (channel) => ipcMain.removeHandler(channel),
  on: (channel, listener) => ipcMain.on(channel, listener),
  removeListener: (channel, listener) => ipcMain.removeListener(channel, listener),
};

/** What the sender policy needs to know about a frame: its URL, whether it is a main frame, and its window's role. */
export function describeFrame(
  roles: WindowRoles,
  frame: WebFrameMain | null | undefined,
  owner: WebContents | undefined,
): SenderInfo {
  return {
    url: frame?.url ?? '',
    isMainFrame: frame != null && frame.parent === null,
    windowRole: frame && owner ? roles.roleOf(owner) : null,
  };
}

/** Reads the sender from Electron's IPC event. */
export function describeElectronSender(roles: WindowRoles) {
  return (event: ElectronIpcEvent): SenderInfo => describeFrame(roles, event.senderFrame, event.sender);
}

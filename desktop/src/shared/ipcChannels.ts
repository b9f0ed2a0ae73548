/**
 * Every IPC channel between the Wava window and the main process, in one place.
 * This file has no imports at all, so the sandboxed preload can bundle it without pulling in anything else.
 */

/** Renderer -> main requests that get an answer (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const INVOKE = {
  authRegister: 'wava:auth:register',
  authLogin: 'wava:auth:login',
  authRestore: 'wava:auth:restore',
  authAccessToken: 'wava:auth:access-token',
  authLogout: 'wava:auth:logout',
  authStorage: 'wava:auth:storage',
  serverCurrent: 'wava:server:current',
  serverChange: 'wava:server:change',
  screenPickerAnswer: 'wava:screen-picker:answer',
} as const;

/** Renderer -> main messages without an answer (`ipcRenderer.send` / `ipcMain.on`). */
export const SEND = {
  meetingPresence: 'wava:meeting:presence',
  notify: 'wava:notify',
  sharingBarStop: 'wava:sharing-bar:stop',
} as const;

/** Main -> renderer events (`webContents.send` / `ipcRenderer.on`). */
export const EVENT = {
  invite: 'wava:invite',
  shellCommand: 'wava:shell-command',
  screenPickerRequest: 'wava:screen-picker:request',
  screenPickerCancel: 'wava:screen-picker:cancel',
  authStorageChanged: 'wava:auth:storage-changed',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type SendChannel = (typeof SEND)[keyof typeof SEND];
export type EventChannel = (typeof EVENT)[keyof typeof EVENT];

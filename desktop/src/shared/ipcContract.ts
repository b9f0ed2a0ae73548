import type { IpcSchemaName, IpcValue } from './ipcSchemaRegistry.js';

// No runtime imports: the sandboxed preloads bundle this table, and only this table. Schemas are named here and
// looked up in `ipcSchemas` by main (which validates what arrives) and by the renderer (which validates events).

/** Renderer -> main, answered (`ipcRenderer.invoke` / `ipcMain.handle`). */
export interface InvokeEntry<
  C extends string = string,
  Req extends IpcSchemaName = IpcSchemaName,
  Res extends IpcSchemaName = IpcSchemaName,
> {
  readonly kind: 'invoke';
  readonly channel: C;
  readonly request: Req;
  /** What main answers. Main checks its own answer with it before it crosses (extra fields never leave main). */
  readonly response: Res;
}
/** Renderer -> main, no answer (`ipcRenderer.send` / `ipcMain.on`). */
export interface SendEntry<C extends string = string, Req extends IpcSchemaName = IpcSchemaName> {
  readonly kind: 'send';
  readonly channel: C;
  readonly request: Req;
}
/** Main -> renderer (`webContents.send` / `ipcRenderer.on`); the renderer validates the payload before use. */
export interface EventEntry<C extends string = string, P extends IpcSchemaName = IpcSchemaName> {
  readonly kind: 'event';
  readonly channel: C;
  readonly payload: P;
}
export type IpcEntry = InvokeEntry | SendEntry | EventEntry;

const invoke = <C extends string, Req extends IpcSchemaName, Res extends IpcSchemaName>(
  channel: C,
  request: Req,
  response: Res,
): InvokeEntry<C, Req, Res> => ({ kind: 'invoke', channel, request, response });
const send = <C extends string, Req extends IpcSchemaName>(channel: C, request: Req): SendEntry<C, Req> => ({
  kind: 'send',
  channel,
  request,
});
const event = <C extends string, P extends IpcSchemaName>(channel: C, payload: P): EventEntry<C, P> => ({
  kind: 'event',
  channel,
  payload,
});

/**
 * The IPC contract of the Wava window, written once: each function of `window.wava` is one entry, with its channel,
 * direction, request schema and response schema (by name, see `ipcSchemas`). The preload's functions
 * (`WavaBridge`), the handlers main must register (`IpcRouter.handle`/`on`) and the renderer's Platform types are
 * all derived from it. Adding a channel is adding one entry here.
 */
export const wavaIpc = {
  auth: {
    register: invoke('wava:auth:register', 'registration', 'signInResult'),
    login: invoke('wava:auth:login', 'credentials', 'signInResult'),
    restore: invoke('wava:auth:restore', 'empty', 'signedInOrNone'),
    accessToken: invoke('wava:auth:access-token', 'accessTokenRequest', 'accessTokenResult'),
    logout: invoke('wava:auth:logout', 'empty', 'nothing'),
    storage: invoke('wava:auth:storage', 'empty', 'tokenStorageStatus'),
    onStorageChanged: event('wava:auth:storage-changed', 'tokenStorageStatus'),
  },
  server: {
    current: invoke('wava:server:current', 'empty', 'serverUrlState'),
    change: invoke('wava:server:change', 'serverChange', 'serverChangeResult'),
  },
  shell: {
    onInvite: event('wava:invite', 'invite'),
    onCommand: event('wava:shell-command', 'shellCommand'),
    presenceChanged: send('wava:meeting:presence', 'meetingPresence'),
    notify: send('wava:notify', 'notification'),
  },
  screenPicker: {
    onRequest: event('wava:screen-picker:request', 'screenPickerRequest'),
    onCancel: event('wava:screen-picker:cancel', 'screenPickerCancel'),
    answer: invoke('wava:screen-picker:answer', 'screenPickerAnswer', 'nothing'),
  },
} as const;

/** The "You are sharing" bar's window: one function. */
export const sharingBarIpc = {
  stop: send('wava:sharing-bar:stop', 'empty'),
} as const;

/** Every entry, for lookups and checks. */
export const allIpcEntries: readonly IpcEntry[] = [
  ...Object.values(wavaIpc).flatMap((group) => Object.values(group) as IpcEntry[]),
  ...(Object.values(sharingBarIpc) as IpcEntry[]),
];

export type RequestOf<E extends InvokeEntry | SendEntry> = IpcValue<E['request']>;
export type ResponseOf<E extends InvokeEntry> = IpcValue<E['response']>;
export type PayloadOf<E extends EventEntry> = IpcValue<E['payload']>;

import { contextBridge, ipcRenderer } from 'electron';
import { EVENT, INVOKE, SEND, type EventChannel } from '../shared/ipcChannels.js';
import type { BridgeListener, WavaBridge } from '../shared/WavaBridge.js';

/**
 * The Wava window's preload (sandboxed: it may import only `electron`). It exposes named functions,
 * never `ipcRenderer`, and hands listeners the payload only, never the IPC event (which reaches `sender`).
 */
function subscribe(channel: EventChannel, listener: BridgeListener): () => void {
  const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

/**
 * Invites can arrive before the app has subscribed (a link that launched Wava is sent as soon as the page has
 * loaded, while the app may still be starting): the latest one waits here and goes to the first subscriber.
 */
const inviteListeners = new Set<BridgeListener>();
let waitingInvite: { payload: unknown } | null = null;
ipcRenderer.on(EVENT.invite, (_event, payload: unknown) => {
  if (inviteListeners.size === 0) waitingInvite = { payload };
  else for (const listener of inviteListeners) listener(payload);
});

function onInvite(listener: BridgeListener): () => void {
  inviteListeners.add(listener);
  if (waitingInvite) {
    const { payload } = waitingInvite;
    waitingInvite = null;
    listener(payload);
  }
  return () => {
    inviteListeners.delete(listener);
  };
}

const bridge: WavaBridge = {
  version: 1,
  auth: {
    register: (request) => ipcRenderer.invoke(INVOKE.authRegister, request),
    login: (request) => ipcRenderer.invoke(INVOKE.authLogin, request),
    restore: () => ipcRenderer.invoke(INVOKE.authRestore, {}),
    accessToken: (force) => ipcRenderer.invoke(INVOKE.authAccessToken, { force }),
    logout: () => ipcRenderer.invoke(INVOKE.authLogout, {}),
    storage: () => ipcRenderer.invoke(INVOKE.authStorage, {}),
    onStorageChanged: (listener) => subscribe(EVENT.authStorageChanged, listener),
  },
  server: {
    current: () => ipcRenderer.invoke(INVOKE.serverCurrent, {}),
    change: (url) => ipcRenderer.invoke(INVOKE.serverChange, { url }),
  },
  shell: {
    onInvite,
    onCommand: (listener) => subscribe(EVENT.shellCommand, listener),
    presenceChanged: (presence) => ipcRenderer.send(SEND.meetingPresence, presence),
    notify: (title, body) => ipcRenderer.send(SEND.notify, { title, body }),
  },
  screenPicker: {
    onRequest: (listener) => subscribe(EVENT.screenPickerRequest, listener),
    onCancel: (listener) => subscribe(EVENT.screenPickerCancel, listener),
    answer: (answer) => ipcRenderer.invoke(INVOKE.screenPickerAnswer, answer),
  },
};

contextBridge.exposeInMainWorld('wava', bridge);

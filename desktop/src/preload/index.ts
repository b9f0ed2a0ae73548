import { contextBridge, ipcRenderer } from 'electron';
import { wavaIpc } from '../shared/ipcContract.js';
import type { BridgeListener, WavaBridge } from '../shared/WavaBridge.js';
import { bridgeFrom } from './bridgeFrom.js';

/**
 * The Wava window's preload (sandboxed: it may import only `electron`; the contract is bundled in). It exposes the
 * named functions of `wavaIpc`, never `ipcRenderer`.
 *
 * Invites can arrive before the app has subscribed (a link that launched Wava is sent as soon as the page has
 * loaded, while the app may still be starting): the latest one waits here and goes to the first subscriber.
 */
const inviteListeners = new Set<BridgeListener>();
let waitingInvite: { payload: unknown } | null = null;
ipcRenderer.on(wavaIpc.shell.onInvite.channel, (_event, payload: unknown) => {
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
  auth: bridgeFrom(wavaIpc.auth, ipcRenderer),
  server: bridgeFrom(wavaIpc.server, ipcRenderer),
  shell: { ...bridgeFrom(wavaIpc.shell, ipcRenderer), onInvite },
  screenPicker: bridgeFrom(wavaIpc.screenPicker, ipcRenderer),
};

contextBridge.exposeInMainWorld('wava', bridge);

import { contextBridge, ipcRenderer } from 'electron';
import { SEND } from '../shared/ipcChannels.js';
import type { SharingBarBridge } from '../shared/WavaBridge.js';

/** The "You are sharing" bar's preload: one function, nothing else. */
const bridge: SharingBarBridge = {
  version: 1,
  stop: () => ipcRenderer.send(SEND.sharingBarStop, {}),
};

contextBridge.exposeInMainWorld('wavaSharingBar', bridge);

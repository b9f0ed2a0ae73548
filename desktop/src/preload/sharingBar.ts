import { contextBridge, ipcRenderer } from 'electron';
import { sharingBarIpc } from '../shared/ipcContract.js';
import type { SharingBarBridge } from '../shared/WavaBridge.js';
import { bridgeFrom } from './bridgeFrom.js';

/** The "You are sharing" bar's preload: one function, nothing else. */
const bridge: SharingBarBridge = { version: 1, ...bridgeFrom(sharingBarIpc, ipcRenderer) };

contextBridge.exposeInMainWorld('wavaSharingBar', bridge);

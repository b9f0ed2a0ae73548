import type { IpcEntry } from '../shared/ipcContract.js';
import type { BridgeListener, BridgeOf } from '../shared/WavaBridge.js';

/** The part of `ipcRenderer` a bridge uses. */
export interface RendererIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  send(channel: string, payload: unknown): void;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

/**
 * The named functions of one contract group, each bound to its own channel (vscode derives a channel's proxy from
 * its service interface the same way). The page gets these functions, never `ipcRenderer`; listeners get the
 * payload only, never the IPC event (which reaches `sender`). A call without arguments sends `{}`.
 */
export function bridgeFrom<G extends Record<string, IpcEntry>>(group: G, ipc: RendererIpc): BridgeOf<G> {
  const functions = Object.entries(group).map(([name, entry]) => [name, bridgeFunction(entry, ipc)] as const);
  return Object.fromEntries(functions) as BridgeOf<G>;
}

function bridgeFunction(entry: IpcEntry, ipc: RendererIpc) {
  switch (entry.kind) {
    case 'invoke':
      return (request: unknown = {}) => ipc.invoke(entry.channel, request);
    case 'send':
      return (request: unknown = {}) => ipc.send(entry.channel, request);
    case 'event':
      return (listener: BridgeListener) => subscribe(ipc, entry.channel, listener);
  }
}

export function subscribe(ipc: RendererIpc, channel: string, listener: BridgeListener): () => void {
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipc.on(channel, wrapped);
  return () => ipc.removeListener(channel, wrapped);
}

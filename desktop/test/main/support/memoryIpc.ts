import type { IpcTransport } from '../../../src/main/ipc/IpcRouter.js';
import type { SenderInfo } from '../../../src/main/ipc/senderPolicy.js';

/**
 * An in-memory ipcMain (vscode tests its IPC the same way): `invoke` and `send` play a renderer whose sender
 * frame is described by the test. Only Electron's transport is replaced; the router under test is the real one.
 */
export function createMemoryIpc() {
  const handlers = new Map<string, (event: SenderInfo, payload: unknown) => unknown>();
  const listeners = new Map<string, Set<(event: SenderInfo, payload: unknown) => void>>();
  const transport: IpcTransport<SenderInfo> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  return {
    transport,
    async invoke(sender: SenderInfo, channel: string, payload: unknown): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(sender, payload);
    },
    send(sender: SenderInfo, channel: string, payload: unknown): void {
      for (const listener of listeners.get(channel) ?? []) listener(sender, payload);
    },
    handlerCount: () => handlers.size,
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

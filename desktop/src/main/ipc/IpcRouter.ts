import type { z } from 'zod';
import type { InvokeEntry, RequestOf, ResponseOf, SendEntry } from '../../shared/ipcContract.js';
import { ipcSchemas } from '../../shared/ipcSchemaRegistry.js';
import type { Logger } from '../util/log.js';
import { checkSender, type SenderInfo, type WindowRole } from './senderPolicy.js';

/** The part of `ipcMain` the router uses; `E` is the IPC event type (Electron's, or a test's). */
export interface IpcTransport<E> {
  handle(channel: string, listener: (event: E, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: E, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: E, payload: unknown) => void): void;
}

export interface IpcRouterDeps<E> {
  transport: IpcTransport<E>;
  /** Reads the sender frame and window from the event (the adapter does this with Electron's objects). */
  describeSender(event: E): SenderInfo;
  /** The renderer's origin (`app://wava`, or Vite's dev server while developing). */
  rendererOrigin: string;
  log: Logger;
}

export interface IpcRouter {
  /** Answers one contract entry: the handler gets the validated request and must return the entry's response. */
  handle<E extends InvokeEntry>(
    entry: E,
    from: WindowRole,
    handler: (payload: RequestOf<E>, sender: SenderInfo) => ResponseOf<E> | Promise<ResponseOf<E>>,
  ): () => void;
  on<E extends SendEntry>(entry: E, from: WindowRole, handler: (payload: RequestOf<E>) => void): () => void;
  /** Removes every handler this router registered. */
  dispose(): void;
}

/** What an invoke from an untrusted sender or with a bad payload rejects with: no detail for the caller. */
export const IPC_REFUSED_MESSAGE = 'Request refused';
export const IPC_FAILED_MESSAGE = 'Request failed';

/**
 * Every renderer -> main message passes here: the sender must be the main frame of the expected Wava window on
 * our origin, and the payload must match the entry's request schema. Anything else is refused and logged.
 * Answers are checked against the entry's response schema before they leave (unknown fields are dropped).
 */
export function createIpcRouter<E>(deps: IpcRouterDeps<E>): IpcRouter {
  const handled = new Set<string>();
  const listeners = new Set<[string, (event: E, payload: unknown) => void]>();

  function admit<T>(channel: string, from: WindowRole, event: E, schema: z.ZodType<T>, payload: unknown) {
    const sender = deps.describeSender(event);
    const verdict = checkSender(sender, from, deps.rendererOrigin);
    if (!verdict.trusted) {
      deps.log.warn('IPC refused: untrusted sender', {
        channel,
        reason: verdict.reason,
        url: sender.url.slice(0, 200),
      });
      return null;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.code}`);
      deps.log.warn('IPC refused: invalid payload', { channel, issues: issues.slice(0, 5) });
      return null;
    }
    return { payload: parsed.data, sender };
  }

  return {
    handle(entry, from, handler) {
      const { channel } = entry;
      deps.transport.handle(channel, async (event, payload) => {
        const admitted = admit(channel, from, event, ipcSchemas[entry.request] as z.ZodType, payload);
        if (!admitted) throw new Error(IPC_REFUSED_MESSAGE);
        let answer: unknown;
        try {
          answer = await handler(admitted.payload as RequestOf<typeof entry>, admitted.sender);
        } catch (error) {
          // The renderer gets a plain failure; the detail stays in the main process's log.
          deps.log.error('IPC handler failed', { channel, error: String(error) });
          throw new Error(IPC_FAILED_MESSAGE);
        }
        const checked = ipcSchemas[entry.response].safeParse(answer);
        if (!checked.success) {
          deps.log.error('IPC answer does not match the contract', { channel });
          throw new Error(IPC_FAILED_MESSAGE);
        }
        return checked.data;
      });
      handled.add(channel);
      return () => {
        if (handled.delete(channel)) deps.transport.removeHandler(channel);
      };
    },
    on(entry, from, handler) {
      const { channel } = entry;
      const listener = (event: E, payload: unknown) => {
        const admitted = admit(channel, from, event, ipcSchemas[entry.request] as z.ZodType, payload);
        if (!admitted) return;
        try {
          handler(admitted.payload as RequestOf<typeof entry>);
        } catch (error) {
          deps.log.error('IPC handler failed', { channel, error: String(error) });
        }
      };
      deps.transport.on(channel, listener);
      const registration: [string, (event: E, payload: unknown) => void] = [channel, listener];
      listeners.add(registration);
      return () => {
        if (listeners.delete(registration)) deps.transport.removeListener(channel, listener);
      };
    },
    dispose() {
      for (const channel of handled) deps.transport.removeHandler(channel);
      handled.clear();
      for (const [channel, listener] of listeners) deps.transport.removeListener(channel, listener);
      listeners.clear();
    },
  };
}

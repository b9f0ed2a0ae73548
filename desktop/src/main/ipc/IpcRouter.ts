import type { z } from 'zod';
import { invokeSchemas, sendSchemas, type InvokePayload, type SendPayload } from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';
import { checkSender, type SenderInfo, type WindowRole } from './senderPolicy.js';

type InvokeChannel = keyof typeof invokeSchemas;
type SendChannel = keyof typeof sendSchemas;

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
  handle<C extends InvokeChannel>(
    channel: C,
    from: WindowRole,
    handler: (payload: InvokePayload<C>, sender: SenderInfo) => unknown,
  ): () => void;
  on<C extends SendChannel>(channel: C, from: WindowRole, handler: (payload: SendPayload<C>) => void): () => void;
  /** Removes every handler this router registered. */
  dispose(): void;
}

/** What an invoke from an untrusted sender or with a bad payload rejects with: no detail for the caller. */
export const IPC_REFUSED_MESSAGE = 'Request refused';
export const IPC_FAILED_MESSAGE = 'Request failed';

/**
 * Every renderer -> main message passes here: the sender must be the main frame of the expected Wava window on
 * our origin, and the payload must match the channel's zod schema. Anything else is refused and logged.
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
    handle(channel, from, handler) {
      const schema = invokeSchemas[channel] as z.ZodType;
      deps.transport.handle(channel, async (event, payload) => {
        const admitted = admit(channel, from, event, schema, payload);
        if (!admitted) throw new Error(IPC_REFUSED_MESSAGE);
        try {
          return await handler(admitted.payload as InvokePayload<typeof channel>, admitted.sender);
        } catch (error) {
          // The renderer gets a plain failure; the detail stays in the main process's log.
          deps.log.error('IPC handler failed', { channel, error: String(error) });
          throw new Error(IPC_FAILED_MESSAGE);
        }
      });
      handled.add(channel);
      return () => {
        if (handled.delete(channel)) deps.transport.removeHandler(channel);
      };
    },
    on(channel, from, handler) {
      const schema = sendSchemas[channel] as z.ZodType;
      const listener = (event: E, payload: unknown) => {
        const admitted = admit(channel, from, event, schema, payload);
        if (!admitted) return;
        try {
          handler(admitted.payload as SendPayload<typeof channel>);
        } catch (error) {
          deps.log.error('IPC handler failed', { channel, error: String(error) });
        }
      };
      deps.transport.on(channel, listener);
      const entry: [string, (event: E, payload: unknown) => void] = [channel, listener];
      listeners.add(entry);
      return () => {
        if (listeners.delete(entry)) deps.transport.removeListener(channel, listener);
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

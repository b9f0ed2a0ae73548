import type {
  ScreenPickerAnswer,
  ScreenPickerChoice,
  ScreenPickerRequest,
  ScreenSource,
} from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';

/** How long the picker may stay open before the request is answered with "cancelled". */
export const PICKER_TIMEOUT_MS = 120_000;

export interface PickerBrokerDeps {
  /** Shows the picker in the renderer (sends the request event). Returns false if there is no window to ask. */
  show(request: ScreenPickerRequest): boolean;
  /** Tells the renderer to close a picker that main gave up on. */
  hide(requestId: string): void;
  newId(): string;
  log: Logger;
  timeoutMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface PickerBroker {
  /** Asks the person; resolves with their choice, or null when they cancel, time out or the window goes away. */
  ask(sources: readonly ScreenSource[], systemAudioAvailable: boolean): Promise<ScreenPickerChoice | null>;
  /** The renderer's answer. A choice of a source that was not offered counts as a cancel. */
  answer(answer: ScreenPickerAnswer): void;
  /** Answers every open request with null (window closed, app quitting). */
  cancelAll(): void;
}

interface Pending {
  offered: ReadonlySet<string>;
  systemAudioAvailable: boolean;
  resolve(choice: ScreenPickerChoice | null): void;
}

/**
 * One picker request per getDisplayMedia call, each with its own id (Signal's pattern): whatever happens, every
 * request is answered exactly once.
 */
export function createPickerBroker(deps: PickerBrokerDeps): PickerBroker {
  const pending = new Map<string, Pending>();
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  function settle(requestId: string, choice: ScreenPickerChoice | null): void {
    const entry = pending.get(requestId);
    if (!entry) return;
    pending.delete(requestId);
    entry.resolve(choice);
  }

  return {
    ask(sources, systemAudioAvailable) {
      const requestId = deps.newId();
      return new Promise<ScreenPickerChoice | null>((resolve) => {
        const timer = setTimer(() => {
          if (!pending.has(requestId)) return;
          deps.log.info('screen picker timed out', { requestId });
          deps.hide(requestId);
          settle(requestId, null);
        }, deps.timeoutMs ?? PICKER_TIMEOUT_MS);
        pending.set(requestId, {
          offered: new Set(sources.map((source) => source.id)),
          systemAudioAvailable,
          resolve: (choice) => {
            clearTimer(timer);
            resolve(choice);
          },
        });
        if (!deps.show({ requestId, sources: [...sources], systemAudioAvailable })) settle(requestId, null);
      });
    },
    answer({ requestId, choice }) {
      const entry = pending.get(requestId);
      if (!entry) return;
      if (choice && !entry.offered.has(choice.sourceId)) {
        deps.log.warn('screen picker answered with a source that was not offered; treated as cancel', { requestId });
        settle(requestId, null);
        return;
      }
      settle(
        requestId,
        choice && { ...choice, shareSystemAudio: choice.shareSystemAudio && entry.systemAudioAvailable },
      );
    },
    cancelAll() {
      for (const requestId of [...pending.keys()]) {
        deps.hide(requestId);
        settle(requestId, null);
      }
    },
  };
}

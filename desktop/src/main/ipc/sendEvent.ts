import type { EventEntry, PayloadOf } from '../../shared/ipcContract.js';

/** Sends a main -> renderer event of the contract, with the payload its entry declares. */
export function sendEvent<E extends EventEntry>(
  contents: { send(channel: string, ...args: unknown[]): void } | null | undefined,
  entry: E,
  payload: PayloadOf<E>,
): void {
  contents?.send(entry.channel, payload);
}

/**
 * Where the call core reports what the person need not see (a failed bitrate limit, a refused peer
 * event): injected, so tests can read it and an app could send it elsewhere.
 */
export interface Logger {
  warn(message: string, ...detail: unknown[]): void;
}

/** The default: the browser console, each line marked as Wava's. */
export const consoleLogger: Logger = {
  warn: (message, ...detail) => console.warn(`[wava] ${message}`, ...detail),
};

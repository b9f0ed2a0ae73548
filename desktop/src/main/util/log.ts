/** A scoped logger. The main process logs to stdout/stderr; Electron collects them with the app's logs. */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export function createConsoleLogger(scope: string): Logger {
  const line = (message: string, detail?: Record<string, unknown>) =>
    detail ? `[wava:${scope}] ${message} ${JSON.stringify(detail)}` : `[wava:${scope}] ${message}`;
  return {
    info: (message, detail) => console.log(line(message, detail)),
    warn: (message, detail) => console.warn(line(message, detail)),
    error: (message, detail) => console.error(line(message, detail)),
  };
}

/** A deliberate fire-and-forget: the promise's failure is logged, never left unhandled. */
export function drop(promise: Promise<unknown>, log: Logger, what: string): void {
  promise.catch((error: unknown) => log.error(`${what} failed`, { error: String(error) }));
}

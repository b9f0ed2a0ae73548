import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A scoped logger. Lines go to stdout/stderr and, in the app, to a log file IT can collect. */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

export const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/** Appends to `path` (the previous file is kept as `.old` once it passes 5 MB). Never throws. */
export function fileSink(path: string): LogSink {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch {
    // reported by the stream's error handler below, which drops file logging
  }
  try {
    if (statSync(path).size > 5 * 1024 * 1024) renameSync(path, `${path}.old`);
  } catch {
    // no file yet
  }
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.on('error', () => undefined);
  return (level, line) => {
    stream.write(`${new Date().toISOString()} ${level.toUpperCase()} ${line}\n`);
  };
}

export function createLogger(scope: string, sinks: readonly LogSink[] = [consoleSink]): Logger {
  const emit = (level: LogLevel, message: string, detail?: Record<string, unknown>) => {
    const line = detail ? `[wava:${scope}] ${message} ${JSON.stringify(detail)}` : `[wava:${scope}] ${message}`;
    for (const sink of sinks) sink(level, line);
  };
  return {
    info: (message, detail) => emit('info', message, detail),
    warn: (message, detail) => emit('warn', message, detail),
    error: (message, detail) => emit('error', message, detail),
  };
}

/** A deliberate fire-and-forget: the promise's failure is logged, never left unhandled. */
export function drop(promise: Promise<unknown>, log: Logger, what: string): void {
  promise.catch((error: unknown) => log.error(`${what} failed`, { error: String(error) }));
}

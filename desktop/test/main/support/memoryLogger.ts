import type { Logger } from '../../../src/main/util/log.js';

/** A logger that keeps its lines, so tests can check that a refusal was logged. */
export function createMemoryLogger() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; message: string; detail?: Record<string, unknown> }> = [];
  const logger: Logger & { lines: typeof lines; text(): string } = {
    lines,
    info: (message, detail) => void lines.push({ level: 'info', message, ...(detail ? { detail } : {}) }),
    warn: (message, detail) => void lines.push({ level: 'warn', message, ...(detail ? { detail } : {}) }),
    error: (message, detail) => void lines.push({ level: 'error', message, ...(detail ? { detail } : {}) }),
    text: () => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.detail ?? {})}`).join('\n'),
  };
  return logger;
}

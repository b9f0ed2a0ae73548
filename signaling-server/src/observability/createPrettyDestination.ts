import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every line has, shown in the line's own shape instead of as `key=value`. */
const FRAME_KEYS = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

interface SerializedError {
  message?: string;
  stack?: string;
}

/**
 * Log lines for a person at a terminal (`WAVA_LOG_FORMAT=pretty`, what `npm start` uses): `12:03:04 WARN message
 * key=value`, an error's message on the line and its stack below. It receives pino's JSON after redaction, so
 * it never sees a secret the JSON would not show.
 */
export function createPrettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      out.write(`${formatLine(line)}\n`);
    },
  };
}

export function formatLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVEL_NAMES[entry.level as number] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key]) => !FRAME_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = entry.err as SerializedError | undefined;
  const head = [
    time,
    level.padEnd(5),
    String(entry.msg ?? ''),
    ...fields,
    ...(error?.message ? [`(${error.message})`] : []),
  ]
    .filter((part) => part !== '')
    .join(' ');
  const stack = error?.stack && (entry.level as number) >= 50 ? `\n${error.stack.replace(/^/gm, '    ')}` : '';
  return head + stack;
}

import { pino, type Level, type Logger } from 'pino';

/** One line a server logged (pino's JSON), with the fields the cluster tests read. */
export interface LogRecord {
  level: number;
  msg: string;
  meetingId?: string;
  type?: string;
  err?: { message?: string };
}

/** A logger for a server under test, whose lines (at `level` and above) the test reads back as objects. */
export function recordedLog(level: Level): { logger: Logger; logged: LogRecord[] } {
  const logged: LogRecord[] = [];
  const logger = pino({ level }, { write: (line: string) => void logged.push(JSON.parse(line) as LogRecord) });
  return { logger, logged };
}

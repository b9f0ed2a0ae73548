import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from '../config/Config.js';
import { createPrettyDestination } from './createPrettyDestination.js';

const SENSITIVE_KEYS = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'credential',
  'secret',
  'auth',
];

/** Paths pino replaces with "[redacted]" wherever they appear at the top level or one or two levels down. */
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  ...SENSITIVE_KEYS.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Structured JSON logs (or, with `format: 'pretty'`, short readable lines on stdout). Passwords, tokens and
 * authorization headers are redacted; request URLs are logged without query strings.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: { service: 'wava-signaling' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (format === 'pretty') return pino(options, createPrettyDestination(destination ?? process.stdout));
  return destination ? pino(options, destination) : pino(options);
}

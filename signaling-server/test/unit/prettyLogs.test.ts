import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/createLogger.js';
import { formatLine } from '../../src/observability/createPrettyDestination.js';

function prettyLogger() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (text: string) => void lines.push(text) }, 'pretty');
  return { logger, lines };
}

describe('WAVA_LOG_FORMAT=pretty', () => {
  it('writes one short line per entry: time, level, message, fields, and never a JSON object', () => {
    const { logger, lines } = prettyLogger();
    logger.warn({ port: 8080, path: '/api/meetings' }, 'stun responder listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}stun responder listening port=8080 path=\/api\/meetings\n$/);
  });

  it('keeps redaction: a token is never printed', () => {
    const { logger, lines } = prettyLogger();
    logger.info({ body: { refreshToken: 'refresh-secret-1' }, password: 'hunter2-password' }, 'probe');
    expect(lines.join('')).not.toMatch(/refresh-secret-1|hunter2-password/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('shows an error message on the line, and the stack below it for errors', () => {
    const { logger, lines } = prettyLogger();
    logger.error({ err: new Error('disk full') }, 'shutdown failed');
    const [head, ...stack] = lines[0]!.trimEnd().split('\n');
    expect(head).toMatch(/ERROR shutdown failed \(disk full\)$/);
    expect(stack[0]).toMatch(/^ {4}Error: disk full/);
  });

  it('respects the level, and passes through a line that is not JSON', () => {
    const { logger, lines } = prettyLogger();
    logger.debug('hidden');
    expect(lines).toEqual([]);
    expect(formatLine('plain text\n')).toBe('plain text');
  });
});

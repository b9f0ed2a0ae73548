import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, fileSink } from '../../src/main/util/log.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();

/** The stream writes asynchronously: wait until the file has `lines` lines (or give up after 5 s). */
async function contents(path: string, lines: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const text = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    if (text.split('\n').length > lines) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readFileSync(path, 'utf8');
}

describe('log file', () => {
  it('creates its folder and appends scoped, timestamped lines with their detail', async () => {
    const path = join(tempDir(), 'logs', 'main.log');
    const log = createLogger('policy', [fileSink(path)]);
    log.warn('policy: /etc/wava/policy.json is not valid JSON; it is ignored');
    log.info('server address', { source: 'policy' });
    const lines = (await contents(path, 2)).trim().split('\n');
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+ WARN \[wava:policy\] policy: \/etc\/wava\/policy\.json is not valid JSON/,
    );
    expect(lines[1]).toMatch(/INFO \[wava:policy\] server address {"source":"policy"}$/);
  });

  it('keeps the previous file as .old once it passes 5 MB', async () => {
    const path = join(tempDir(), 'main.log');
    writeFileSync(path, 'x'.repeat(5 * 1024 * 1024 + 1));
    createLogger('main', [fileSink(path)]).info('fresh start');
    expect(await contents(path, 1)).toMatch(/^\S+ INFO \[wava:main\] fresh start\n$/);
    expect(readFileSync(`${path}.old`, 'utf8').length).toBe(5 * 1024 * 1024 + 1);
  });
});

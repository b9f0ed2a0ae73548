import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, fileSink } from '../../src/main/util/log.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();

async function flushed(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('log file', () => {
  it('creates its folder and appends scoped, timestamped lines with their detail', async () => {
    const path = join(tempDir(), 'logs', 'main.log');
    const log = createLogger('policy', [fileSink(path)]);
    log.warn('policy: /etc/wava/policy.json is not valid JSON; it is ignored');
    log.info('server address', { source: 'policy' });
    await flushed();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+ WARN \[wava:policy\] policy: \/etc\/wava\/policy\.json is not valid JSON/,
    );
    expect(lines[1]).toMatch(/INFO \[wava:policy\] server address {"source":"policy"}$/);
  });

  it('keeps the previous file as .old once it passes 5 MB', async () => {
    const path = join(tempDir(), 'main.log');
    writeFileSync(path, 'x'.repeat(5 * 1024 * 1024 + 1));
    createLogger('main', [fileSink(path)]).info('fresh start');
    await flushed();
    expect(readFileSync(path, 'utf8')).toMatch(/^\S+ INFO \[wava:main\] fresh start\n$/);
    expect(readFileSync(`${path}.old`, 'utf8').length).toBe(5 * 1024 * 1024 + 1);
  });
});

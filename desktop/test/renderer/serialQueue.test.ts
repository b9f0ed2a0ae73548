import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/renderer/util/serialQueue.js';

describe('SerialQueue', () => {
  it('runs one task at a time in order, goes on after a failure, and gives each caller its own outcome', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let finishFirst = () => {};
    const first = queue.run(
      () =>
        new Promise<void>((resolve) => {
          log.push('first starts');
          finishFirst = () => {
            log.push('first ends');
            resolve();
          };
        }),
    );
    const second = queue.run(async () => {
      log.push('second runs');
      throw new Error('second failed');
    });
    const third = queue.run(async () => {
      log.push('third runs');
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);

    finishFirst();
    await first;
    await expect(second).rejects.toThrow('second failed');
    await third;
    expect(log).toEqual(['first starts', 'first ends', 'second runs', 'third runs']);
  });
});

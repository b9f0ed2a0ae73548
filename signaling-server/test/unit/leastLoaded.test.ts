import { describe, expect, it } from 'vitest';
import { leastLoaded } from '../../src/sfu/leastLoaded.js';

describe('leastLoaded (placing a meeting on an SFU instance)', () => {
  const instances = [
    { name: 'a', up: true, load: 7 },
    { name: 'b', up: true, load: 3 },
    { name: 'c', up: false, load: 0 },
    { name: 'd', up: true, load: 3 },
  ];
  const pick = (list: typeof instances) =>
    leastLoaded(
      list,
      (i) => i.up,
      (i) => i.load,
    )?.name ?? null;

  it.each([
    ['the least loaded of those up, the first of equals', instances, 'b'],
    ['never one that is down, however idle', instances.slice(2), 'd'],
    ['nothing when none is up', [instances[2]!], null],
    ['nothing from nothing', [], null],
  ])('%s', (_name, list, expected) => {
    expect(pick(list)).toBe(expected);
  });
});

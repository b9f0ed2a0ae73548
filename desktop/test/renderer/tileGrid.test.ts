import { describe, expect, it } from 'vitest';
import { columnsFor, portraitColumnsFor } from '../../src/renderer/features/meeting/TileGrid.js';

describe('tile grid columns', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 1],
    [4, 2, 2],
    [6, 3, 2],
    [9, 3, 3],
  ])('%i people: %i columns on a wide screen, %i upright (a phone)', (count, wide, upright) => {
    expect(columnsFor(count)).toBe(wide);
    expect(portraitColumnsFor(count)).toBe(upright);
  });
});

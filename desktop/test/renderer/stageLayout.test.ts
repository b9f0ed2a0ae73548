import { describe, expect, it } from 'vitest';
import {
  chooseLayout,
  followsActiveSpeaker,
  stripOrder,
  type StageInput,
  type StageLayout,
} from '../../src/renderer/features/stage/stageLayout.js';

const base: StageInput = {
  mode: 'gallery',
  people: ['me', 'ann', 'bo'],
  selfId: 'me',
  pinned: null,
  presenting: false,
  active: null,
  previousLarge: null,
};

describe('the stage layout', () => {
  it.each<[string, Partial<StageInput>, StageLayout]>([
    ['gallery: everyone equal', {}, { kind: 'gallery' }],
    ['gallery ignores who speaks', { active: 'bo' }, { kind: 'gallery' }],
    [
      'speaker view: the active speaker large',
      { mode: 'speaker', active: 'bo' },
      { kind: 'focus', large: 'bo', pinned: false },
    ],
    [
      'speaker view before anyone spoke: the first other person',
      { mode: 'speaker' },
      { kind: 'focus', large: 'ann', pinned: false },
    ],
    [
      'speaker view while we speak: whoever was large stays',
      { mode: 'speaker', active: 'me', previousLarge: 'bo' },
      { kind: 'focus', large: 'bo', pinned: false },
    ],
    [
      'speaker view, the person shown before left: the first other person',
      { mode: 'speaker', active: 'me', previousLarge: 'cy' },
      { kind: 'focus', large: 'ann', pinned: false },
    ],
    ['speaker view alone: we fill the stage', { mode: 'speaker', people: ['me'], active: 'me' }, { kind: 'gallery' }],
    [
      'a pin wins over the active speaker',
      { mode: 'speaker', active: 'bo', pinned: 'ann' },
      { kind: 'focus', large: 'ann', pinned: true },
    ],
    ['a pin in gallery puts that person large', { pinned: 'bo' }, { kind: 'focus', large: 'bo', pinned: true }],
    ['we may pin ourselves', { pinned: 'me' }, { kind: 'focus', large: 'me', pinned: true }],
    ['a pin on someone who left counts for nothing', { pinned: 'cy' }, { kind: 'gallery' }],
    ['a shared screen takes the large area', { mode: 'speaker', active: 'bo', presenting: true }, { kind: 'screen' }],
    ['a shared screen wins over a pin', { pinned: 'ann', presenting: true }, { kind: 'screen' }],
  ])('%s', (_name, input, expected) => {
    expect(chooseLayout({ ...base, ...input })).toEqual(expected);
  });
});

describe('whether the layout follows the active speaker', () => {
  it.each<[string, Partial<StageInput>, boolean]>([
    ['speaker view', { mode: 'speaker' }, true],
    ['gallery', { mode: 'gallery' }, false],
    ['speaker view with a screen shared', { mode: 'speaker', presenting: true }, false],
    ['speaker view with someone pinned', { mode: 'speaker', pinned: 'bo' }, false],
    ['speaker view pinning someone who left', { mode: 'speaker', pinned: 'gone' }, true],
  ])('%s', (_, input, follows) => {
    const stage = { ...base, ...input };
    expect(followsActiveSpeaker(stage)).toBe(follows);
    // What it says matches the layout: whoever is active, they are large exactly when it follows them.
    expect(chooseLayout({ ...stage, active: 'ann' })).toEqual(
      follows ? { kind: 'focus', large: 'ann', pinned: false } : chooseLayout({ ...stage, active: 'bo' }),
    );
  });
});

describe('the strip beside the large area', () => {
  const people = ['me', 'ann', 'bo'];
  it('gallery has none', () => {
    expect(stripOrder({ kind: 'gallery' }, people, null)).toEqual([]);
  });
  it('everyone but the large person, ourselves included (the presenter sees the others too)', () => {
    expect(stripOrder({ kind: 'focus', large: 'ann', pinned: false }, people, null)).toEqual(['me', 'bo']);
  });
  it('with a shared screen: everyone, the pinned person first', () => {
    expect(stripOrder({ kind: 'screen' }, people, null)).toEqual(['me', 'ann', 'bo']);
    expect(stripOrder({ kind: 'screen' }, people, 'bo')).toEqual(['bo', 'me', 'ann']);
    expect(stripOrder({ kind: 'screen' }, people, 'cy')).toEqual(['me', 'ann', 'bo']);
  });
});

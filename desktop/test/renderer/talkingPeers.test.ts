import { describe, expect, it } from 'vitest';
import { TalkingPeers } from '../../src/renderer/call/talkingPeers.js';

describe('who the SFU says is talking', () => {
  it('a new snapshot for each change, none when nothing changed', () => {
    const talking = new TalkingPeers();
    const seen: ReadonlySet<string>[] = [];
    talking.subscribe(() => seen.push(talking.getSnapshot()));
    talking.set('bob', true);
    talking.set('bob', true);
    talking.set('cem', true);
    talking.set('bob', false);
    talking.set('ann', false);
    talking.clear();
    talking.clear();
    expect(seen.map((set) => [...set])).toEqual([['bob'], ['bob', 'cem'], ['cem'], []]);
    expect(seen[0]).not.toBe(seen[1]);
  });
});

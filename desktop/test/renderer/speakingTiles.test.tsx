import { act, cleanup, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TalkingPeers } from '../../src/renderer/call/talkingPeers.js';
import { SpeakingTile } from '../../src/renderer/features/stage/SpeakingTile.js';
import type { Voice } from '../../src/renderer/features/stage/speakingMonitor.js';
import { useActiveSpeaker } from '../../src/renderer/features/stage/useActiveSpeaker.js';
import { useSpeaking } from '../../src/renderer/features/stage/useSpeaking.js';
import { LEVEL_TICK_MS } from '../../src/renderer/features/room/speechDetector.js';
import { renderWithTheme } from './renderWithTheme.js';

const people = [
  { peerId: 'p-ann', name: 'Ann' },
  { peerId: 'p-bo', name: 'Bo' },
  { peerId: 'p-cy', name: 'Cy' },
];

/**
 * The stage as MeetingTiles builds it, from the same parts: the speaking monitor over everyone's voice (here the
 * SFU's word for each, a real `TalkingPeers`, so no audio has to be measured), the active speaker only when the
 * layout follows them, and a tile per person that follows its own person. Renders are counted by <Profiler>s: one
 * per tile, and one around what only the stage's own render draws (the active speaker it follows).
 */
function setUp(follow: boolean) {
  const talkers = new TalkingPeers();
  const renders = new Map<string, number>();
  const count = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const voices = (): Voice[] =>
    people.map(({ peerId }) => ({ peerId, unmuted: true, talking: talkers.getSnapshot().has(peerId) }));
  function Stage() {
    const speech = useSpeaking(voices, talkers.subscribe);
    const active = useActiveSpeaker(speech, follow);
    return (
      <>
        <Profiler id="stage" onRender={count}>
          <output data-testid="followed" data-active={active ?? ''} />
        </Profiler>
        {people.map(({ peerId, name }) => (
          <Profiler key={peerId} id={peerId} onRender={count}>
            <SpeakingTile
              speech={speech}
              peerId={peerId}
              self={false}
              displayName={name}
              audio
              video={false}
              connection="connected"
              stream={null}
            />
          </Profiler>
        ))}
      </>
    );
  }
  renderWithTheme(<Stage />);
  const counted = () => {
    const { stage = 0, ...tiles } = Object.fromEntries(renders);
    renders.clear();
    return { stage, tiles };
  };
  counted();
  /** Someone starts or stops talking, and the monitor's next reading (a tenth of a second later) hears it. */
  const talks = (peerId: string, talking: boolean) =>
    act(() => {
      talkers.set(peerId, talking);
      vi.advanceTimersByTime(LEVEL_TICK_MS);
    });
  const active = () => screen.getByTestId('followed').dataset.active || null;
  return { talks, counted, active };
}

const tile = (peerId: string) => screen.getAllByTestId('tile').find((each) => each.dataset.peerId === peerId)!;

describe('speaking on the stage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('someone starting to speak re-renders their tile only, which shows the ring and says so', () => {
    const { talks, counted } = setUp(false);
    talks('p-bo', true);
    expect(counted()).toEqual({ stage: 0, tiles: { 'p-bo': 1 } });
    expect(tile('p-bo').dataset.speaking).toBe('true');
    expect(tile('p-bo').dataset.activeSpeaker).toBe('true');
    expect(tile('p-bo').getAttribute('aria-label')).toBe('Bo: microphone on, camera off, speaking');
    expect(screen.getAllByTestId('tile-speaking')).toHaveLength(1);
    expect(['p-ann', 'p-cy'].map((peerId) => tile(peerId).dataset.speaking)).toEqual(['false', 'false']);

    talks('p-ann', true);
    expect(counted()).toEqual({ stage: 0, tiles: { 'p-ann': 1 } });
    talks('p-bo', false);
    expect(counted()).toEqual({ stage: 0, tiles: { 'p-bo': 1 } });
    expect(tile('p-bo').dataset.speaking).toBe('false');
    // Still the active speaker (highlighted in the pause): Ann has not spoken alone for a second yet.
    expect(tile('p-bo').dataset.activeSpeaker).toBe('true');
    expect(tile('p-bo').getAttribute('aria-label')).toBe('Bo: microphone on, camera off');
  });

  it('in a layout that follows the active speaker, the stage re-renders when the speaker changes, not at each word', () => {
    const { talks, counted, active } = setUp(true);
    talks('p-bo', true);
    expect(active()).toBe('p-bo');
    expect(counted().stage).toBe(1);

    talks('p-ann', true);
    talks('p-ann', false);
    talks('p-cy', true);
    expect(active()).toBe('p-bo');
    expect(counted().stage).toBe(0);

    talks('p-bo', false);
    // Cy has spoken alone for a second: the active speaker changes, once.
    act(() => vi.advanceTimersByTime(LEVEL_TICK_MS * 10));
    expect(active()).toBe('p-cy');
    expect(counted().stage).toBe(1);
  });
});

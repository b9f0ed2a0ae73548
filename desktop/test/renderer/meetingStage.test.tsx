import { act, cleanup, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallState, RemoteTile } from '../../src/renderer/call/callState.js';
import { INITIAL_CALL_STATE } from '../../src/renderer/call/callState.js';
import { ParticipantTile } from '../../src/renderer/features/meeting/ParticipantTile.js';
import { MeetingStage, type TilePlace } from '../../src/renderer/features/stage/MeetingStage.js';
import type { StageLayout } from '../../src/renderer/features/stage/stageLayout.js';
import { useDeferredPresenter } from '../../src/renderer/features/stage/useDeferredPresenter.js';
import { renderWithTheme } from './renderWithTheme.js';

const people = ['p-me', 'p-bob', 'p-cy'];

function stage(layout: StageLayout) {
  const tile = (peerId: string, place: TilePlace) => (
    <figure key={peerId} data-testid="tile" data-peer-id={peerId} data-place={place}>
      <video />
    </figure>
  );
  return (
    <MeetingStage
      layout={layout}
      people={people}
      pinned={null}
      screen={layout.kind === 'screen' ? <section data-testid="screen-stage" /> : null}
      tile={tile}
      largeLabel=""
    />
  );
}

const videos = () => screen.getAllByTestId('tile').map((tile) => tile.querySelector('video'));
/** Whether each of `now` is the very same element as the one at its place in `before` (not an equal copy). */
const same = (now: readonly (Element | null)[], before: readonly (Element | null)[]) =>
  now.map((element, index) => element !== null && element === before[index]);

describe('MeetingStage', () => {
  afterEach(cleanup);

  it('keeps every tile (and its video) when a share starts and ends: only where they are drawn changes', () => {
    const { rerender } = renderWithTheme(stage({ kind: 'gallery' }));
    const before = videos();
    expect(screen.getByTestId('stage').getAttribute('data-strip')).toBe('false');

    rerender(stage({ kind: 'screen' }));
    expect(screen.getByTestId('screen-stage')).toBeTruthy();
    expect(screen.getByTestId('stage').getAttribute('data-strip')).toBe('true');
    expect(screen.getAllByTestId('tile').map((tile) => tile.dataset.place)).toEqual(['strip', 'strip', 'strip']);
    expect(same(videos(), before)).toEqual([true, true, true]);

    rerender(stage({ kind: 'gallery' }));
    expect(screen.queryByTestId('screen-stage')).toBeNull();
    expect(same(videos(), before)).toEqual([true, true, true]);
  });

  it('a camera-off tile draws its initials as large as its place: in the grid, in the strip, large', () => {
    const initials = (layout: StageLayout) => (
      <MeetingStage
        layout={layout}
        people={people}
        pinned={null}
        screen={null}
        tile={(peerId) => (
          <ParticipantTile
            key={peerId}
            peerId={peerId}
            self={false}
            displayName={peerId}
            audio
            video={false}
            connection="connected"
            stream={null}
          />
        )}
        largeLabel=""
      />
    );
    const sizes = () =>
      screen.getAllByTestId('tile').map((tile) => getComputedStyle(tile.querySelector('[aria-hidden="true"]')!).width);
    const { rerender } = renderWithTheme(initials({ kind: 'gallery' }));
    expect(sizes()).toEqual(['72px', '72px', '72px']);
    rerender(initials({ kind: 'screen' }));
    expect(sizes()).toEqual(['48px', '48px', '48px']);
    rerender(initials({ kind: 'focus', large: 'p-bob', pinned: true }));
    expect(sizes()).toEqual(['112px', '48px', '48px']);
  });

  it('in speaker view the large person leaves the strip, the others keep their tiles', () => {
    const { rerender } = renderWithTheme(stage({ kind: 'gallery' }));
    const [, bob, cy] = videos();
    rerender(stage({ kind: 'focus', large: 'p-me', pinned: false }));
    expect(screen.getByTestId('stage-large').querySelector('[data-peer-id="p-me"]')).toBeTruthy();
    const strip = screen.getAllByTestId('tile').filter((tile) => tile.dataset.place === 'strip');
    expect(
      same(
        strip.map((tile) => tile.querySelector('video')),
        [bob ?? null, cy ?? null],
      ),
    ).toEqual([true, true]);
  });
});

const remote = (peerId: string, screenStreamId: string | null, audio = true): RemoteTile => ({
  peerId,
  userId: `u-${peerId}`,
  displayName: peerId === 'p-bob' ? 'Bob' : 'Cy',
  guest: false,
  joinedAt: '2026-11-30T08:00:00.000Z',
  media: { audio, video: true, screen: screenStreamId !== null },
  connection: 'connected',
  mediaFailure: null,
  cameraStreamId: `cam-${peerId}`,
  screenStreamId,
});

const call = (remotes: RemoteTile[]): CallState => ({ ...INITIAL_CALL_STATE, phase: 'in-meeting', remotes });

describe('useDeferredPresenter', () => {
  it('names who shares, and stays the same value while other things change (no second, deferred render)', () => {
    const { result, rerender } = renderHook((state: CallState) => useDeferredPresenter(state), {
      initialProps: call([remote('p-bob', null), remote('p-cy', null)]),
    });
    expect(result.current).toBeNull();

    act(() => rerender(call([remote('p-bob', 'scr-bob'), remote('p-cy', null)])));
    const presenter = result.current;
    expect(presenter).toEqual({ peerId: 'p-bob', displayName: 'Bob', self: false });

    // Cy mutes and Bob's tile is replaced by a new object: the presenter is the very same value.
    act(() => rerender(call([remote('p-bob', 'scr-bob'), remote('p-cy', null, false)])));
    expect(result.current).toBe(presenter);

    act(() => rerender(call([remote('p-bob', null), remote('p-cy', null, false)])));
    expect(result.current).toBeNull();
  });
});

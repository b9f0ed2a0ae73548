import { act, fireEvent, screen } from '@testing-library/react';
import { createElement, type ComponentType } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_FRAME_SENT_WAIT_MS } from '../../src/renderer/call/afterFirstFrameSent.js';
import { MeetingScreen } from '../../src/renderer/features/meeting/MeetingScreen.js';
import { applyLanguage } from '../../src/renderer/i18n/applyLanguage.js';
import { renderWithTheme } from './renderWithTheme.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { bobsMeetingControls, FakeMediaStream, FakeTrack, participant } from './support/meetingDoubles.js';
import { SendingPeer } from './support/SendingPeer.js';
import { useMeetingScreenEnvironment } from './support/useMeetingScreenEnvironment.js';

/**
 * What renders on the sharer's meeting screen while a share starts and stops. Renders are counted where the
 * components are made: each participant tile (by peer id), the control bar (its microphone button, drawn once per
 * control-bar render), the share button (which follows the share by itself) and the stage (its layout). The three
 * `vi.mock`s below replace nothing: each module is the real one, its component wrapped in a counter that renders the
 * real component with the same props (React offers no per-component render count from outside).
 */
const renders = vi.hoisted(() => new Map<string, number>());

type Props = Record<string, unknown>;

/** The module, its component `name` drawn through one that counts its renders under `key(props)` first. */
async function counted(module: Promise<Record<string, unknown>>, name: string, key: (props: Props) => string) {
  const real = await module;
  const Component = real[name] as ComponentType<Props>;
  function Counted(props: Props) {
    const id = key(props);
    renders.set(id, (renders.get(id) ?? 0) + 1);
    return createElement(Component, props);
  }
  return { ...real, [name]: Counted };
}

vi.mock('../../src/renderer/features/meeting/ParticipantTile.js', (original) =>
  counted(original(), 'ParticipantTile', (props) => `tile:${String(props.peerId)}`),
);
vi.mock('../../src/renderer/ui/components/ToggleButton.js', (original) =>
  counted(original(), 'ToggleButton', (props) => String(props.testId)),
);
vi.mock('../../src/renderer/features/stage/MeetingStage.js', (original) =>
  counted(original(), 'MeetingStage', () => 'stage'),
);

/** Lets the call core's events and the renders they cause run. */
const settle = (ms = 0) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

/** What rendered since the last call, by name. */
function renderedSince(): Record<string, number> {
  const seen = Object.fromEntries(renders);
  renders.clear();
  return seen;
}

const TILES = ['tile:a-peer', 'tile:b-peer', 'tile:c-peer', 'tile:d-peer'];

/**
 * Ada in Bob's meeting with Cem and Dan, on her meeting screen; her calls send no frame, so her own view of a share
 * waits its longest (half a second) for the first one to leave. Her screen is what the picker gives.
 */
async function adaWithThreeOthers() {
  const t = await createTestMeetingClient({ Peer: SendingPeer });
  t.client.join();
  await vi.advanceTimersByTimeAsync(0);
  t.peers[0]?.openNow();
  t.server.send('moderation:state', bobsMeetingControls());
  for (const [peerId, name] of [
    ['c-peer', 'Cem'],
    ['d-peer', 'Dan'],
  ] as const)
    t.server.send('participant:joined', participant(peerId, name));
  await vi.advanceTimersByTimeAsync(1_000);
  const picked = new FakeMediaStream([new FakeTrack('video')]);
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia: () => Promise.resolve(picked) } });
  renderWithTheme(<MeetingScreen client={t.client} platform="web" />);
  await settle(1_000);
  renderedSince();
  return t;
}

// A whole meeting screen per test (see announcementLanguage.test.tsx: the first render in jsdom is slow).
describe('a share starting and stopping on the sharer’s meeting screen', { timeout: 60_000 }, () => {
  // Registered first, so it runs last: once the screen is unmounted.
  afterEach(() => {
    applyLanguage('en');
  });
  useMeetingScreenEnvironment();

  it('re-renders the share button and the stage, not the tiles or the rest of the control bar', async () => {
    const { client } = await adaWithThreeOthers();
    expect(screen.getAllByTestId('tile')).toHaveLength(4);

    fireEvent.click(screen.getByTestId('toggle-share'));
    await settle();
    // Starting: the share button alone says so.
    expect(client.share.sharePhase).toBe('starting');
    expect(screen.getByTestId('toggle-share').getAttribute('aria-busy')).toBe('true');
    expect(renderedSince()).toEqual({ 'toggle-share': 1 });

    // Past the wait for the first frame to leave (it never does here), and the renders that follow: our own view
    // shows the share, the tiles move to the strip beside it.
    await settle(FIRST_FRAME_SENT_WAIT_MS + 100);
    expect(screen.getByTestId('screen-stage')).toBeTruthy();
    expect(screen.getByTestId('stage').dataset.layout).toBe('screen');
    const shown = renderedSince();
    expect(shown['toggle-share']).toBe(1);
    expect(shown.stage).toBe(1);
    expect(TILES.map((tile) => shown[tile] ?? 0)).toEqual([0, 0, 0, 0]);
    expect(shown['toggle-mic'] ?? 0).toBe(0);

    fireEvent.click(screen.getByTestId('toggle-share'));
    await settle();
    expect(screen.queryByTestId('screen-stage')).toBeNull();
    expect(screen.getByTestId('stage').dataset.layout).toBe('gallery');
    const stopped = renderedSince();
    expect(TILES.map((tile) => stopped[tile] ?? 0)).toEqual([0, 0, 0, 0]);
    expect(stopped['toggle-mic'] ?? 0).toBe(0);
    client.leave();
  });

  it('still re-renders the one tile whose person changed, and the control bar when our microphone does', async () => {
    const { client, server } = await adaWithThreeOthers();
    server.send('participant:updated', {
      ...participant('c-peer', 'Cem'),
      media: { audio: false, video: true, screen: false },
    });
    await settle();
    const muted = renderedSince();
    expect(TILES.map((tile) => muted[tile] ?? 0)).toEqual([0, 0, 1, 0]);
    expect(muted['toggle-mic'] ?? 0).toBe(0);
    expect(screen.getAllByTestId('tile').find((tile) => tile.dataset.peerId === 'c-peer')?.dataset.audio).toBe('off');

    client.toggleMicrophone();
    await settle();
    const ours = renderedSince();
    expect(ours['toggle-mic']).toBeGreaterThan(0);
    expect(TILES.map((tile) => ours[tile] ?? 0)).toEqual([1, 0, 0, 0]);
    expect(screen.getByTestId('toggle-mic').getAttribute('aria-pressed')).toBe('false');
    client.leave();
  });

  it('a language switch still reaches every memoised tile and the control bar', async () => {
    const { client } = await adaWithThreeOthers();
    // Each tile follows the language by itself (useTranslation), whatever the stage passes it.
    act(() => applyLanguage('ko'));
    const cem = screen.getAllByTestId('tile').find((tile) => tile.dataset.peerId === 'c-peer');
    expect(cem?.getAttribute('aria-label')).toContain('마이크 켜짐');
    expect(screen.getByTestId('toggle-mic').getAttribute('title')).toContain('마이크 끄기');
    expect(screen.getByTestId('toggle-share').getAttribute('title')).toContain('내 화면 공유');
    client.leave();
  });
});

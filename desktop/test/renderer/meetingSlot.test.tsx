import { act, screen } from '@testing-library/react';
import { createElement, useState, type ComponentType } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { MeetingSlot } from '../../src/renderer/app/MeetingSlot.js';
import { loadMeetingModule } from '../../src/renderer/app/meetingModule.js';
import { renderWithTheme } from './renderWithTheme.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { participant } from './support/meetingDoubles.js';
import { useMeetingScreenEnvironment } from './support/useMeetingScreenEnvironment.js';

/**
 * How many times the meeting view was made (a new one starts its state anew) and rendered. The `vi.mock` replaces
 * nothing: the module is the real one, its MeetingScreen wrapped in a counter that renders the real one.
 */
const counts = vi.hoisted(() => {
  const seen = { made: 0, renders: 0, rendered: () => void (seen.renders += 1) };
  return seen;
});

vi.mock('../../src/renderer/features/meeting/MeetingScreen.js', async (original) => {
  const real = await original<Record<string, unknown>>();
  const Screen = real.MeetingScreen as ComponentType<Record<string, unknown>>;
  function Counted(props: Record<string, unknown>) {
    useState(() => ++counts.made);
    counts.rendered();
    return createElement(Screen, props);
  }
  return { ...real, MeetingScreen: Counted };
});

const settle = (ms = 0) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

// A whole meeting screen per test (see announcementLanguage.test.tsx: the first render in jsdom is slow).
describe('the meeting view behind the pre-join screen', { timeout: 60_000 }, () => {
  useMeetingScreenEnvironment();

  it('is rendered before Join, out of the page, and Join shows that same view', async () => {
    await loadMeetingModule();
    counts.made = counts.renders = 0;
    const t = await createTestMeetingClient();
    const view = renderWithTheme(<MeetingSlot client={t.client} shown={false} platform="web" />);
    await settle();
    // Rendered (so Join has nothing left to render but what changed), yet nothing of it is on the page: no second
    // microphone button beside the pre-join's, nothing a screen reader or the keyboard reaches.
    expect(counts.made).toBe(1);
    expect(counts.renders).toBeGreaterThan(0);
    expect(screen.queryByTestId('meeting-view')).toBeNull();
    expect(screen.queryByTestId('toggle-mic')).toBeNull();

    t.client.join();
    await settle();
    t.peers[0]?.openNow();
    t.server.send('participant:joined', participant('c-peer', 'Cem'));
    view.rerender(<MeetingSlot client={t.client} shown platform="web" />);
    await settle(1_000);
    // The same view, now on the page, showing the meeting as it is now (Cem joined while it was hidden).
    expect(counts.made).toBe(1);
    expect(screen.getByTestId('meeting-view')).toBeTruthy();
    expect(screen.getAllByTestId('tile').map((tile) => tile.dataset.peerId)).toContain('c-peer');
    expect(screen.getAllByTestId('toggle-mic')).toHaveLength(1);

    view.unmount();
    expect(document.querySelector('[data-testid="meeting-view"]')).toBeNull();
    t.client.leave();
  });

  it('starts a view of its own for another client', async () => {
    await loadMeetingModule();
    counts.made = 0;
    const first = await createTestMeetingClient();
    const second = await createTestMeetingClient();
    const view = renderWithTheme(<MeetingSlot client={first.client} shown={false} platform="web" />);
    await settle();
    view.rerender(<MeetingSlot client={second.client} shown platform="web" />);
    await settle();
    expect(counts.made).toBe(2);
    expect(screen.getAllByTestId('meeting-view')).toHaveLength(1);
    view.unmount();
    first.client.dispose();
    second.client.leave();
  });
});

import { act, screen } from '@testing-library/react';
import type { LobbyQueue } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { MeetingScreen } from '../../src/renderer/features/meeting/MeetingScreen.js';
import { renderWithTheme } from './renderWithTheme.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { bobsMeetingControls } from './support/meetingDoubles.js';
import { useMeetingScreenEnvironment } from './support/useMeetingScreenEnvironment.js';

const queue: LobbyQueue = {
  knockers: [{ id: 'k1', displayName: 'Gina', guest: true, knockedAt: '2025-01-01T10:05:00.000Z' }],
};

/** Ada's meeting screen, joined to Bob's meeting, with the server telling her `coHostUserIds`. */
async function adaSees(coHostUserIds: string[]) {
  const { client, server } = await createTestMeetingClient();
  client.join();
  await vi.advanceTimersByTimeAsync(0);
  server.send('moderation:state', bobsMeetingControls({ coHostUserIds }));
  renderWithTheme(<MeetingScreen client={client} platform="web" />);
  await act(async () => {
    // The server sends the queue to those who may admit; a participant's screen shows none even if it came.
    server.send('lobby:queue', queue);
    await vi.advanceTimersByTimeAsync(0);
  });
  return { client, server };
}

describe('who sees the people knocking, on the meeting screen', () => {
  useMeetingScreenEnvironment();

  it('a co-host sees who is knocking, with admit and deny', async () => {
    const { client } = await adaSees(['user-a-peer']);
    expect(screen.getByTestId('lobby-knocker').getAttribute('data-display-name')).toBe('Gina');
    expect(screen.getByRole('button', { name: 'Admit Gina' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Deny Gina' })).toBeTruthy();
    client.leave();
  });

  it('a participant sees no one knocking', async () => {
    const { client } = await adaSees([]);
    expect(screen.queryByTestId('lobby-knocker')).toBeNull();
    expect(screen.queryByTestId('lobby-requests')).toBeNull();
    client.leave();
  });
});

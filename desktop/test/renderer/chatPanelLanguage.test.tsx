import type { Result } from '@wava/protocol';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomLink } from '../../src/renderer/call/roomLink.js';
import type { SignalingChannel } from '../../src/renderer/call/signalingChannel.js';
import { ChatPanel } from '../../src/renderer/features/room/ChatPanel.js';
import { RoomStore } from '../../src/renderer/features/room/roomStore.js';
import { applyLanguage } from '../../src/renderer/i18n/applyLanguage.js';
import { renderWithTheme } from './renderWithTheme.js';

/** A server that refuses every message as too many: the panel shows its code's sentence. */
function refusingRoom(): RoomStore {
  const signaling = {
    request: async (): Promise<Result<unknown>> => ({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many attempts.' },
    }),
    onServer() {},
  } as unknown as Pick<SignalingChannel, 'request' | 'onServer'>;
  return new RoomStore(new RoomLink(signaling));
}

afterEach(() => applyLanguage('en'));

describe('a refused chat message after a language switch', () => {
  it('is told again in the new language (kept as a code, written at render)', async () => {
    const room = refusingRoom();
    renderWithTheme(
      <ChatPanel
        room={room}
        state={room.getSnapshot()}
        selfPeerId="me"
        others={[]}
        isHost={false}
        onClose={() => {}}
      />,
    );
    const box = screen.getByRole('textbox');
    fireEvent.change(box, { target: { value: 'hello' } });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter' });
    });
    const english = (await screen.findByRole('alert')).textContent ?? '';
    expect(english).toMatch(/[a-z]/i);
    act(() => applyLanguage('ko'));
    const korean = screen.getByRole('alert').textContent ?? '';
    expect(korean).not.toBe(english);
    expect(korean).toMatch(/[\uac00-\ud7a3]/u);
  });
});

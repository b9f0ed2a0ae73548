import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatButton, ParticipantsButton } from '../../../src/renderer/features/room/RoomControls.js';
import { applyLanguage } from '../../../src/renderer/i18n/applyLanguage.js';
import { errorSentence } from '../../../src/renderer/i18n/errorSentence.js';
import { renderWithTheme } from '../renderWithTheme.js';

afterEach(() => {
  cleanup();
  applyLanguage('en');
});

/** The room's buttons say their counts in the language shown, with its plural rules, and follow a switch. */
describe('room sentences', () => {
  it.each([
    [1, '1 unread message', '읽지 않은 메시지 1개'],
    [3, '3 unread messages', '읽지 않은 메시지 3개'],
  ])('the chat button with %i unread', (unread, english, korean) => {
    renderWithTheme(<ChatButton open={false} onToggle={() => {}} unread={unread} />);
    // What screen readers hear after the button's name, instead of the bare visible count (meetingRoom.spec.ts
    // checks the whole accessible name in Chromium).
    expect(screen.getByText(english)).toBeTruthy();
    act(() => applyLanguage('ko'));
    expect(screen.getByText(korean)).toBeTruthy();
  });

  it('the participants button with its count', () => {
    renderWithTheme(<ParticipantsButton open={false} onToggle={() => {}} count={4} />);
    const button = screen.getByTestId('toggle-participants');
    expect([button.textContent, button.title]).toEqual(['Participants, 4', 'Participants (4)']);
    act(() => applyLanguage('ko'));
    expect([button.textContent, button.title]).toEqual(['참가자, 4', '참가자 (4명)']);
  });

  it('the chat refusals in both languages', () => {
    expect(errorSentence('RECIPIENT_NOT_IN_MEETING')).toBe(
      'That person is no longer in the meeting, so the private message was not sent.',
    );
    applyLanguage('ko');
    expect(errorSentence('CHAT_MESSAGE_CHARACTERS')).toBe(
      '메시지에는 보이지 않는 문자나 텍스트 방향 제어 문자를 넣을 수 없습니다.',
    );
  });
});

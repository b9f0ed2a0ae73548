import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LeftScreen } from '../../../src/renderer/features/left/LeftScreen.js';
import { LanguageSelect } from '../../../src/renderer/features/language/LanguageSelect.js';
import { joinSentences, noticeSentence } from '../../../src/renderer/features/notices/meetingNotice.js';
import { applyLanguage } from '../../../src/renderer/i18n/applyLanguage.js';
import { errorSentence } from '../../../src/renderer/i18n/errorSentence.js';
import { i18n } from '../../../src/renderer/i18n/i18n.js';
import { preferredLanguage, rememberLanguage } from '../../../src/renderer/i18n/languagePreference.js';
import { languageOf } from '../../../src/renderer/i18n/languages.js';
import { waitText } from '../../../src/renderer/i18n/waitText.js';
import { renderWithTheme } from '../renderWithTheme.js';

afterEach(() => {
  applyLanguage('en');
  localStorage.clear();
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: () => null,
    get length() {
      return items.size;
    },
  };
}

describe('choosing the language', () => {
  it.each([
    [['ko-KR', 'en-US'], 'ko'],
    [['ko'], 'ko'],
    [['fr-FR', 'ko-KR'], 'ko'],
    [['en-GB', 'ko-KR'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ] as const)('OS/browser languages %j give %s', (tags, language) => {
    expect(languageOf(tags)).toBe(language);
  });

  it('prefers the language chosen in the app over the browser’s, and ignores a stored value it does not know', () => {
    const storage = memoryStorage();
    expect(preferredLanguage(storage, ['ko-KR'])).toBe('ko');
    rememberLanguage(storage, 'en');
    expect(preferredLanguage(storage, ['ko-KR'])).toBe('en');
    storage.setItem('wava.language', 'xx');
    expect(preferredLanguage(storage, ['ko-KR'])).toBe('ko');
  });

  it('sets <html lang> to the language shown', () => {
    applyLanguage('ko');
    expect(document.documentElement.lang).toBe('ko');
    applyLanguage('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('plurals and waiting times', () => {
  it.each([
    [1, 'en', '1 second'],
    [45, 'en', '45 seconds'],
    [60, 'en', '1 minute'],
    [11 * 60, 'en', '11 minutes'],
    [3600, 'en', '1 hour'],
    [3600 + 5 * 60, 'en', '1 hour and 5 minutes'],
    [2 * 3600 + 60, 'en', '2 hours and 1 minute'],
    [2 * 86400, 'en', '2 days'],
    [60, 'ko', '1분'],
    [11 * 60, 'ko', '11분'],
    [3600 + 5 * 60, 'ko', '1시간 5분'],
    [86400, 'ko', '1일'],
  ] as const)('%i seconds in %s is "%s"', (seconds, language, text) => {
    applyLanguage(language);
    expect(waitText(seconds)).toBe(text);
  });

  it('says how long to wait in a rate-limit sentence, in either language', () => {
    expect(errorSentence('RATE_LIMITED', 60)).toBe('Too many attempts. Please try again in 1 minute.');
    expect(errorSentence('TOO_MANY_MEETINGS', 660)).toBe(
      'You have created too many meetings in a short time. Please try again in 11 minutes.',
    );
    applyLanguage('ko');
    expect(errorSentence('RATE_LIMITED', 660)).toBe('시도 횟수가 너무 많습니다. 11분 후에 다시 시도하세요.');
  });

  it('maps codes (and garbage) to sentences, and ignores a wait for codes without one', () => {
    expect(errorSentence('MEETING_FULL', 30)).toBe(i18n.t('errors.MEETING_FULL'));
    expect(errorSentence('RATE_LIMITED', null)).toBe('Too many attempts. Please wait a little and try again.');
    expect(errorSentence('NOT_A_CODE')).toBe('Something went wrong on the server. Please try again.');
    applyLanguage('ko');
    expect(errorSentence('MEETING_NOT_FOUND')).toBe(
      '이 코드로 된 회의가 없습니다. 코드나 링크를 확인하고 다시 시도하세요.',
    );
  });

  it('counts participants with plural forms', () => {
    expect(i18n.t('meeting.people', { count: 1 })).toBe('1 person');
    expect(i18n.t('meeting.people', { count: 3 })).toBe('3 people');
    applyLanguage('ko');
    expect(i18n.t('meeting.people', { count: 3 })).toBe('3명');
  });

  it('announces joins and leaves in the chosen language', () => {
    applyLanguage('ko');
    expect(joinSentences([noticeSentence({ kind: 'joined', name: 'Mina' })])).toBe('Mina 님이 회의에 참여했습니다.');
  });
});

describe('switching the language in the app', () => {
  it('re-renders what is on screen, remembers the choice and updates <html lang>', () => {
    renderWithTheme(
      <>
        <LanguageSelect />
        <LeftScreen code="abc-defg-hij" onRejoin={() => undefined} onHome={() => undefined} />
      </>,
    );
    expect(screen.getByRole('heading', { name: 'You left the meeting' })).toBeTruthy();
    act(() => {
      fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ko' } });
    });
    expect(screen.getByRole('heading', { name: '회의에서 나왔습니다' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '다시 참여' })).toBeTruthy();
    expect(screen.getByLabelText('언어')).toBeTruthy();
    expect(localStorage.getItem('wava.language')).toBe('ko');
    expect(document.documentElement.lang).toBe('ko');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { followLanguageChoice } from '../../../src/renderer/i18n/followLanguageChoice.js';

/** What the browser delivers to this window when another window of the origin writes localStorage. */
const written = (key: string | null, newValue: string | null, storageArea: Storage = window.localStorage) =>
  new StorageEvent('storage', { key, newValue, storageArea });

describe('followLanguageChoice', () => {
  it.each([
    { what: 'a language Wava has', event: () => written('wava.language', 'ko'), heard: ['ko'] },
    { what: 'a language Wava does not have', event: () => written('wava.language', 'xx'), heard: [] },
    { what: 'the choice removed', event: () => written('wava.language', null), heard: [] },
    { what: 'storage cleared', event: () => written(null, null), heard: [] },
    { what: 'another key', event: () => written('wava.other', 'ko'), heard: [] },
    { what: 'the session storage', event: () => written('wava.language', 'ko', window.sessionStorage), heard: [] },
  ])('takes $what: $heard', ({ event, heard }) => {
    const chosen = vi.fn();
    const stop = followLanguageChoice(window, chosen);
    window.dispatchEvent(event());
    expect(chosen.mock.calls.map(([language]) => language)).toEqual(heard);
    stop();
    window.dispatchEvent(written('wava.language', 'en'));
    expect(chosen).toHaveBeenCalledTimes(heard.length);
  });
});

import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SoundSetting } from '../../src/renderer/features/notices/SoundSetting.js';
import { soundsOn } from '../../src/renderer/features/notices/soundSetting.js';
import { renderWithTheme } from './renderWithTheme.js';

afterEach(() => localStorage.clear());

describe('the notice sounds setting', () => {
  it('is on by default, turns off from its checkbox, and is remembered on the device', () => {
    const first = renderWithTheme(<SoundSetting />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: /Play a sound/ });
    expect(box.checked).toBe(true);
    act(() => {
      fireEvent.click(box);
    });
    expect(box.checked).toBe(false);
    expect(soundsOn()).toBe(false);
    expect(localStorage.getItem('wava.sounds')).toBe('off');
    first.unmount();
    renderWithTheme(<SoundSetting />);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Play a sound/ }).checked).toBe(false);
  });
});

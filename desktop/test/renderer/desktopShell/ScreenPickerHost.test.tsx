import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wavaIpc } from '../../../src/shared/ipcContract.js';
import type { ScreenPickerRequest } from '../../../src/shared/ipcSchemas.js';
import { ScreenPickerHost } from '../../../src/renderer/features/screenPicker/ScreenPickerHost.js';
import { renderWithTheme } from '../renderWithTheme.js';
import { createFakeBridge } from './fakeBridge.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const REQUEST: ScreenPickerRequest = {
  requestId: 'req-1',
  systemAudioAvailable: true,
  sources: [
    { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: PNG, appIcon: null },
    { id: 'screen:1:0', name: 'Screen 2', kind: 'screen', thumbnail: null, appIcon: null },
    { id: 'window:42:0', name: 'Quarterly report', kind: 'window', thumbnail: PNG, appIcon: PNG },
  ],
};

function open(request: ScreenPickerRequest = REQUEST) {
  const fake = createFakeBridge();
  const view = renderWithTheme(<ScreenPickerHost bridge={fake.bridge} />);
  act(() => fake.emit(wavaIpc.screenPicker.onRequest, request));
  return { ...fake, view };
}

describe('screen picker', () => {
  afterEach(cleanup);

  it('renders nothing on the web (no bridge) and nothing until main asks', () => {
    const web = renderWithTheme(<ScreenPickerHost bridge={null} />);
    expect(web.container.innerHTML).toBe('');
    cleanup();
    const fake = createFakeBridge();
    const desktop = renderWithTheme(<ScreenPickerHost bridge={fake.bridge} />);
    expect(desktop.container.innerHTML).toBe('');
  });

  it('shows screens first, then windows on their tab, as an accessible modal dialog', () => {
    open();
    const dialog = screen.getByRole('dialog', { name: 'Choose what to share' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Screens (2)' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual([
      'Entire screen',
      'Screen 2',
    ]);
    expect(screen.getByText('No preview')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Windows (1)' }));
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual(['Quarterly report']);
  });

  it('shares the chosen source with system audio when ticked', async () => {
    const fake = open();
    expect((screen.getByTestId('screen-picker-share') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: 'Windows (1)' }));
    fireEvent.click(screen.getByTestId('screen-picker-source-window:42:0'));
    fireEvent.click(screen.getByTestId('screen-picker-audio'));
    await act(async () => fireEvent.click(screen.getByTestId('screen-picker-share')));
    expect(fake.answers()).toEqual([
      { requestId: 'req-1', choice: { sourceId: 'window:42:0', shareSystemAudio: true } },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('hides the system audio checkbox where the platform cannot share it', () => {
    open({ ...REQUEST, systemAudioAvailable: false });
    expect(screen.queryByTestId('screen-picker-audio')).toBeNull();
  });

  it.each([
    ['Cancel', () => fireEvent.click(screen.getByTestId('screen-picker-cancel'))],
    ['Escape', () => fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })],
  ])('answers "cancelled" on %s', async (_name, cancel) => {
    const fake = open();
    await act(async () => cancel());
    expect(fake.answers()).toEqual([{ requestId: 'req-1', choice: null }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('answers "cancelled" when it goes away with a request open', () => {
    const fake = open();
    fake.view.unmount();
    expect(fake.answers()).toEqual([{ requestId: 'req-1', choice: null }]);
  });

  it('cancels the older request when a newer one arrives, answering each exactly once', async () => {
    const fake = open();
    act(() => fake.emit(wavaIpc.screenPicker.onRequest, { ...REQUEST, requestId: 'req-2' }));
    fireEvent.click(screen.getByTestId('screen-picker-source-screen:0:0'));
    await act(async () => fireEvent.click(screen.getByTestId('screen-picker-share')));
    expect(fake.answers()).toEqual([
      { requestId: 'req-1', choice: null },
      { requestId: 'req-2', choice: { sourceId: 'screen:0:0', shareSystemAudio: false } },
    ]);
  });

  it('closes without answering when main gave up (timeout), and ignores cancels for other requests', () => {
    const fake = open();
    act(() => fake.emit(wavaIpc.screenPicker.onCancel, { requestId: 'req-other' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    act(() => fake.emit(wavaIpc.screenPicker.onCancel, { requestId: 'req-1' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.answers()).toEqual([]);
  });

  it('answers a malformed request with a cancel instead of showing it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = open({
      requestId: 'req-bad',
      systemAudioAvailable: false,
      sources: [{ id: 'x', kind: 'tab' }],
    } as unknown as ScreenPickerRequest);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.answers()).toEqual([{ requestId: 'req-bad', choice: null }]);
  });

  it('never shows a thumbnail that is not an image data URL', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const evil = { ...REQUEST, sources: [{ ...REQUEST.sources[0]!, thumbnail: 'javascript:alert(1)' }] };
    const fake = open(evil);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.answers()).toEqual([{ requestId: 'req-1', choice: null }]);
  });

  it('is keyboard operable: focus starts inside, arrows switch tabs, Tab stays in the dialog', () => {
    open({ ...REQUEST, sources: REQUEST.sources.filter((s) => s.id !== 'screen:1:0') });
    // A single screen is preselected and focused.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Entire screen');
    const screensTab = screen.getByRole('tab', { name: /Screens/ });
    screensTab.focus();
    fireEvent.keyDown(screensTab, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: /Windows/ }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /Windows/ }));
    const cancel = screen.getByTestId('screen-picker-cancel');
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement?.getAttribute('role')).toBe('tab');
  });
});

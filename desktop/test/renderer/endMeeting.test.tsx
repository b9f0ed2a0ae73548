import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlBar } from '../../src/renderer/features/meeting/ControlBar.js';
import { renderWithTheme } from './renderWithTheme.js';
import { controlBarProps as controls } from './support/controlBarProps.js';

describe('End meeting for everyone', () => {
  afterEach(cleanup);

  it('is not offered to someone who is not the host', () => {
    renderWithTheme(<ControlBar {...controls()} />);
    expect(screen.queryByTestId('end-meeting')).toBeNull();
  });

  it('asks the host to confirm, and ends only on confirm', () => {
    const onEnd = vi.fn();
    renderWithTheme(<ControlBar {...controls({ onEndForEveryone: onEnd })} />);
    fireEvent.click(screen.getByTestId('end-meeting'));
    const dialog = screen.getByRole('alertdialog', { name: 'End the meeting for everyone?' });
    expect(dialog.textContent).toContain('Everyone is removed');
    expect(onEnd).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('end-meeting-confirm'));
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('backs out with Cancel, Escape or a press elsewhere, without ending', () => {
    const onEnd = vi.fn();
    renderWithTheme(<ControlBar {...controls({ onEndForEveryone: onEnd })} />);
    fireEvent.click(screen.getByTestId('end-meeting'));
    expect(document.activeElement).toBe(screen.getByTestId('end-meeting-cancel'));
    fireEvent.click(screen.getByTestId('end-meeting-cancel'));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByTestId('end-meeting'));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByTestId('end-meeting'));
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('keeps Tab inside the confirmation, and Escape gives focus back to its button', () => {
    renderWithTheme(<ControlBar {...controls({ onEndForEveryone: vi.fn() })} />);
    fireEvent.click(screen.getByTestId('end-meeting'));
    const cancel = screen.getByTestId('end-meeting-cancel');
    const confirm = screen.getByTestId('end-meeting-confirm');
    expect(document.activeElement).toBe(cancel);
    confirm.focus();
    fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('end-meeting'));
  });
});

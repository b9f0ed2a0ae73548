import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBanner } from '../../src/renderer/features/meeting/ConnectionBanner.js';
import { ControlBar, type ControlBarProps } from '../../src/renderer/features/meeting/ControlBar.js';
import { ParticipantTile } from '../../src/renderer/features/meeting/ParticipantTile.js';
import { renderWithTheme } from './renderWithTheme.js';
import { controlBarProps, sharePhaseSource } from './support/controlBarProps.js';

/** Microphone on, camera off. */
const controls = (overrides: Partial<ControlBarProps> = {}) => controlBarProps({ video: false, ...overrides });

const pressed = (testId: string) => screen.getByTestId(testId).getAttribute('aria-pressed');

describe('ControlBar', () => {
  afterEach(cleanup);

  it('each toggle says whether it is on', () => {
    const { rerender } = renderWithTheme(<ControlBar {...controls()} />);
    expect([pressed('toggle-mic'), pressed('toggle-camera'), pressed('toggle-share')]).toEqual([
      'true',
      'false',
      'false',
    ]);
    rerender(<ControlBar {...controls({ audio: false, video: true, share: sharePhaseSource('on') })} />);
    expect([pressed('toggle-mic'), pressed('toggle-camera'), pressed('toggle-share')]).toEqual([
      'false',
      'true',
      'true',
    ]);
  });

  it('buttons are named for assistive tech and act on click', () => {
    const props = controls();
    renderWithTheme(<ControlBar {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Microphone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Camera' }));
    fireEvent.click(screen.getByRole('button', { name: 'Share screen' }));
    fireEvent.click(screen.getByTestId('leave'));
    expect(
      [props.onToggleMicrophone, props.onToggleCamera, props.onToggleShare, props.onLeave].map(
        (fn) => vi.mocked(fn).mock.calls.length,
      ),
    ).toEqual([1, 1, 1, 1]);
  });

  it('tooltips and aria-keyshortcuts name the same shortcuts as the desktop menu', () => {
    renderWithTheme(<ControlBar {...controls()} />);
    const keys = (testId: string) => {
      const button = screen.getByTestId(testId);
      return [button.getAttribute('title'), button.getAttribute('aria-keyshortcuts')];
    };
    expect([keys('toggle-mic'), keys('toggle-camera'), keys('toggle-share'), keys('leave')]).toEqual([
      ['Mute microphone (Ctrl+Shift+M)', 'Control+Shift+M'],
      ['Turn camera on (Ctrl+Shift+O)', 'Control+Shift+O'],
      ['Share your screen (Ctrl+Shift+E)', 'Control+Shift+E'],
      ['Leave the meeting (Ctrl+Shift+H)', 'Control+Shift+H'],
    ]);
  });

  it('while the camera starts its button is pressed and busy, says so, and pressing it again is the way to cancel', () => {
    const props = controls({ cameraStarting: true });
    const { rerender } = renderWithTheme(<ControlBar {...props} />);
    const camera = screen.getByRole('button', { name: 'Camera' });
    expect([camera.getAttribute('aria-pressed'), camera.getAttribute('aria-busy')]).toEqual(['true', 'true']);
    expect(camera.getAttribute('title')).toBe('Camera starting… Press to turn it off (Ctrl+Shift+O)');
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Camera starting…');
    fireEvent.click(camera);
    expect(vi.mocked(props.onToggleCamera).mock.calls.length).toBe(1);

    rerender(<ControlBar {...controls({ cameraStarting: false })} />);
    expect([camera.getAttribute('aria-pressed'), camera.getAttribute('aria-busy')]).toEqual(['false', null]);
    expect(screen.getByRole('status')).toHaveProperty('textContent', '');
  });

  it('the share button follows the share by itself: pressed and busy from its start, then on', async () => {
    const share = sharePhaseSource();
    renderWithTheme(<ControlBar {...controls({ share })} />);
    const button = screen.getByTestId('toggle-share');
    const shown = () => [button.getAttribute('aria-pressed'), button.getAttribute('aria-busy'), button.title];
    expect(shown()).toEqual(['false', null, 'Share your screen (Ctrl+Shift+E)']);
    share.set('starting');
    await waitFor(() => expect(shown()).toEqual(['true', 'true', 'Starting to share… Press to stop (Ctrl+Shift+E)']));
    share.set('on');
    await waitFor(() => expect(shown()).toEqual(['true', null, 'Stop sharing your screen (Ctrl+Shift+E)']));
    share.set('off');
    await waitFor(() => expect(shown()).toEqual(['false', null, 'Share your screen (Ctrl+Shift+E)']));
  });

  it('screen sharing is disabled where the browser cannot share', () => {
    const props = controls({ canShare: false });
    renderWithTheme(<ControlBar {...props} />);
    expect((screen.getByTestId('toggle-share') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('ParticipantTile', () => {
  afterEach(cleanup);

  it('carries who it is and the state of their media and connection', () => {
    renderWithTheme(
      <ParticipantTile
        peerId="p-bob"
        self={false}
        displayName="Bob"
        audio={false}
        video
        connection="reconnecting"
        stream={null}
      />,
    );
    const tile = screen.getByTestId('tile');
    expect({
      peer: tile.dataset.peerId,
      self: tile.dataset.self,
      name: tile.dataset.displayName,
      audio: tile.dataset.audio,
      video: tile.dataset.video,
      connection: tile.dataset.connection,
    }).toEqual({ peer: 'p-bob', self: 'false', name: 'Bob', audio: 'off', video: 'on', connection: 'reconnecting' });
    expect(tile.querySelector('video[data-testid="tile-video"]')).not.toBeNull();
    expect(tile.textContent).toContain('Reconnecting…');
    expect(screen.getByRole('img', { name: 'Microphone off' })).toBeTruthy();
  });

  it('our own tile is marked as ours and its video is muted', () => {
    renderWithTheme(
      <ParticipantTile peerId="p-me" self displayName="Ada" audio video={false} connection="connected" stream={null} />,
    );
    const tile = screen.getByTestId('tile');
    expect(tile.dataset.self).toBe('true');
    expect(tile.textContent).toContain('Ada (you)');
    expect((screen.getByTestId('tile-video') as HTMLVideoElement).muted).toBe(true);
  });
});

describe('ConnectionBanner', () => {
  afterEach(cleanup);

  it('is visible while reconnecting, hidden once connected', () => {
    const { rerender } = renderWithTheme(<ConnectionBanner signaling="reconnecting" />);
    const banner = screen.getByTestId('connection-banner');
    expect([banner.dataset.state, banner.hidden]).toEqual(['reconnecting', false]);
    rerender(<ConnectionBanner signaling="connected" />);
    expect([
      screen.getByTestId('connection-banner').dataset.state,
      screen.getByTestId('connection-banner').hidden,
    ]).toEqual(['connected', true]);
  });
});

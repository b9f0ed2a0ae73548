import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { MediaPreview } from '../../src/renderer/features/prejoin/MediaPreview.js';
import { renderWithTheme } from './renderWithTheme.js';
import { FakeMediaStream, fakeDevices } from './support/meetingDoubles.js';

/** What a person (and a screen reader) can tell of a toggle: its name, whether it is on, its tooltip. */
function toggle(testId: 'prejoin-toggle-mic' | 'prejoin-toggle-camera') {
  const button = screen.getByTestId(testId) as HTMLButtonElement;
  return {
    name: button.getAttribute('aria-label'),
    pressed: button.getAttribute('aria-pressed'),
    title: button.getAttribute('title'),
    disabled: button.disabled,
  };
}

const press = (testId: string) =>
  act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });

describe('the microphone and camera toggles of the preview (pre-join and waiting room)', () => {
  beforeEach(() => {
    vi.stubGlobal('MediaStream', FakeMediaStream);
    // jsdom plays no media (its play() is not implemented and returns nothing).
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('name each device, say what pressing does, and turn it off and on again', async () => {
    const media = new LocalMedia(fakeDevices());
    await media.start();
    renderWithTheme(<MediaPreview media={media} name="Ada" />);
    expect(toggle('prejoin-toggle-mic')).toEqual({
      name: 'Microphone',
      pressed: 'true',
      title: 'Turn microphone off',
      disabled: false,
    });
    expect(toggle('prejoin-toggle-camera')).toEqual({
      name: 'Camera',
      pressed: 'true',
      title: 'Turn camera off',
      disabled: false,
    });

    await press('prejoin-toggle-mic');
    await press('prejoin-toggle-camera');
    expect(media.state).toMatchObject({ audio: false, video: false });
    expect(toggle('prejoin-toggle-mic')).toMatchObject({ pressed: 'false', title: 'Turn microphone on' });
    expect(toggle('prejoin-toggle-camera')).toMatchObject({ pressed: 'false', title: 'Turn camera on' });

    await press('prejoin-toggle-mic');
    await press('prejoin-toggle-camera');
    expect(media.state).toMatchObject({ audio: true, video: true });
    expect(toggle('prejoin-toggle-mic')).toMatchObject({ pressed: 'true', title: 'Turn microphone off' });
  });

  it('says which device is unavailable, and that pressing tries again', async () => {
    const devices = fakeDevices();
    devices.failing.audio = 'NotAllowedError';
    devices.failing.video = 'NotReadableError';
    const media = new LocalMedia(devices);
    await media.start();
    renderWithTheme(<MediaPreview media={media} name="Ada" />);
    expect(toggle('prejoin-toggle-mic')).toMatchObject({
      pressed: 'false',
      title: 'Your microphone is not available. Click to try again.',
    });
    expect(toggle('prejoin-toggle-camera')).toMatchObject({
      pressed: 'false',
      title: 'Your camera is not available. Click to try again.',
    });

    devices.failing.video = null;
    await press('prejoin-toggle-camera');
    expect(toggle('prejoin-toggle-camera')).toMatchObject({ pressed: 'true', title: 'Turn camera off' });
  });

  it('cannot be pressed while the devices are starting', () => {
    renderWithTheme(<MediaPreview media={new LocalMedia(fakeDevices())} name="Ada" />);
    expect([toggle('prejoin-toggle-mic').disabled, toggle('prejoin-toggle-camera').disabled]).toEqual([true, true]);
  });
});

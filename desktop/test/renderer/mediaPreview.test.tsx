import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { MediaPreview } from '../../src/renderer/features/prejoin/MediaPreview.js';
import { renderWithTheme } from './renderWithTheme.js';
import { FakeMediaStream, fakeDevices, type FakeTrack } from './support/meetingDoubles.js';

/** What a person (and a screen reader) can tell of a toggle: its name, whether it is on, its tooltip. */
function toggle(testId: 'prejoin-toggle-mic' | 'prejoin-toggle-camera') {
  const button = screen.getByTestId(testId) as HTMLButtonElement;
  return {
    name: button.getAttribute('aria-label'),
    pressed: button.getAttribute('aria-pressed'),
    title: button.getAttribute('title'),
    disabled: button.disabled,
    busy: button.getAttribute('aria-busy'),
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
      busy: null,
    });
    expect(toggle('prejoin-toggle-camera')).toEqual({
      name: 'Camera',
      pressed: 'true',
      title: 'Turn camera off',
      disabled: false,
      busy: null,
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

  it('keeps the microphone level where it stood when Join is pressed, instead of dropping it to 0', async () => {
    // jsdom has no Web Audio: a stand-in for the few AudioContext members MicLevelMeter uses, hearing a steady tone.
    const heard = { amplitude: 0.1, reads: 0, open: 0 };
    class ToneAudioContext {
      resume = () => Promise.resolve();
      close = () => Promise.resolve();
      createMediaStreamSource() {
        heard.open += 1;
        return { connect: () => undefined, disconnect: () => void (heard.open -= 1) };
      }
      createAnalyser() {
        return {
          fftSize: 2048,
          smoothingTimeConstant: 0,
          getFloatTimeDomainData: (samples: Float32Array) => {
            heard.reads += 1;
            samples.fill(heard.amplitude);
          },
        };
      }
    }
    vi.stubGlobal('AudioContext', ToneAudioContext);
    const media = new LocalMedia(fakeDevices());
    await media.start();
    vi.useFakeTimers();
    try {
      let renders = 0;
      const counted = (still?: boolean) => (
        <Profiler id="preview" onRender={() => void (renders += 1)}>
          <MediaPreview media={media} name="Ada" meterStill={still} />
        </Profiler>
      );
      const view = renderWithTheme(counted());
      const level = () => screen.getByTestId('mic-level').getAttribute('aria-valuenow');
      const rendersBefore = renders;
      await act(async () => {
        await vi.advanceTimersByTimeAsync(300);
      });
      // A tone at -20 dBFS reads two thirds up the meter, and lights seven of its ten bars.
      expect(level()).toBe('0.67');
      expect(screen.getByTestId('mic-level').getAttribute('data-level')).toBe('0.67');
      const bars = Array.from(screen.getByTestId('mic-level').children).map((bar) => bar.getAttribute('data-lit'));
      expect(bars.filter((lit) => lit === 'true')).toHaveLength(7);
      // The readings are written into the meter, not rendered: the pre-join screen renders nothing for them (a
      // render every 100 ms would restart any render React holds back meanwhile).
      expect(renders).toBe(rendersBefore);

      // Join pressed: the meter stands still (and stops listening) rather than flashing to 0.
      view.rerender(counted(true));
      expect(level()).toBe('0.67');
      const reads = heard.reads;
      heard.amplitude = 0.001;
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
      });
      expect(level()).toBe('0.67');
      expect(heard.reads).toBe(reads);
      expect(heard.open).toBe(0);

      // The join failed and the pre-join screen is back in use: it follows the microphone again.
      view.rerender(counted());
      await act(async () => {
        await vi.advanceTimersByTimeAsync(300);
      });
      expect(level()).toBe('0');
    } finally {
      vi.useRealTimers();
    }
  });

  /** LocalMedia whose camera checks wait for `answer`; `signals` are the checks' abort signals, in order. */
  async function checkedByHand() {
    const pending: ((verdict: CameraSendability) => void)[] = [];
    const signals: AbortSignal[] = [];
    const probe = (_track: MediaStreamTrack, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<CameraSendability>((resolve) => pending.push(resolve));
    };
    const media = new LocalMedia(fakeDevices(), {}, { warn: () => undefined }, probe);
    await media.start();
    const answer = (verdict: CameraSendability) =>
      act(async () => {
        pending.shift()?.(verdict);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    return { media, signals, answer };
  }
  const startingStatus = () => screen.getByTestId('prejoin-camera-starting');

  it('the camera, while checked before it can be sent: shown on and busy, said to be starting, then on once cleared', async () => {
    const { media, answer } = await checkedByHand();
    renderWithTheme(<MediaPreview media={media} name="Ada" />);
    expect(toggle('prejoin-toggle-camera')).toEqual({
      name: 'Camera',
      pressed: 'true',
      title: 'Camera starting… Press to turn it off',
      disabled: false,
      busy: 'true',
    });
    expect(startingStatus()).toHaveProperty('textContent', 'Camera starting…');
    expect(startingStatus().getAttribute('role')).toBe('status');

    await answer('sendable');
    expect(toggle('prejoin-toggle-camera')).toMatchObject({ pressed: 'true', title: 'Turn camera off', busy: null });
    expect(startingStatus()).toHaveProperty('textContent', '');
  });

  it('pressing the camera while it is starting cancels: off, the camera let go, its check aborted', async () => {
    const { media, signals } = await checkedByHand();
    const camera = media.cameraTrack as unknown as FakeTrack;
    renderWithTheme(<MediaPreview media={media} name="Ada" />);
    await press('prejoin-toggle-camera');
    expect(media.state.video).toBe(false);
    expect(camera.readyState).toBe('ended');
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
    expect(toggle('prejoin-toggle-camera')).toMatchObject({ pressed: 'false', title: 'Turn camera on', busy: null });
    expect(startingStatus()).toHaveProperty('textContent', '');
  });

  it('a camera whose picture cannot be sent stays shown on (the preview plays it), and pressing turns it off', async () => {
    const { media, answer } = await checkedByHand();
    renderWithTheme(<MediaPreview media={media} name="Ada" />);
    await answer('unsendable');
    expect(toggle('prejoin-toggle-camera')).toMatchObject({ pressed: 'true', title: 'Turn camera off', busy: null });
    await press('prejoin-toggle-camera');
    expect(media.state.video).toBe(false);
  });

  it('cannot be pressed while the devices are starting', () => {
    renderWithTheme(<MediaPreview media={new LocalMedia(fakeDevices())} name="Ada" />);
    expect([toggle('prejoin-toggle-mic').disabled, toggle('prejoin-toggle-camera').disabled]).toEqual([true, true]);
  });
});

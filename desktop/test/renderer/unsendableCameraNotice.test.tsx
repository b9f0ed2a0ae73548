import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { UnsendableCameraNotice } from '../../src/renderer/features/devices/UnsendableCameraNotice.js';
import { renderWithTheme } from './renderWithTheme.js';
import { FakeMediaStream, fakeDevices } from './support/meetingDoubles.js';

const FRONT = { deviceId: 'front', kind: 'videoinput', label: 'Front camera' } as const;
const DEPTH = { deviceId: 'depth', kind: 'videoinput', label: 'RealSense Depth' } as const;

/** LocalMedia over the listed cameras, whose probe says 'depth' cannot be sent (Chromium's verdict: e2e). */
async function started(cameras: (typeof FRONT | typeof DEPTH)[], cameraId: string) {
  const probe = async (): Promise<CameraSendability> => (media.state.cameraId === 'depth' ? 'unsendable' : 'sendable');
  const media: LocalMedia = new LocalMedia(fakeDevices(cameras), { cameraId }, { warn: () => undefined }, probe);
  await act(async () => {
    await media.start();
  });
  return media;
}

describe('UnsendableCameraNotice', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('names the camera and offers the other one; choosing it switches and the notice goes', async () => {
    const media = await started([FRONT, DEPTH], 'depth');
    renderWithTheme(<UnsendableCameraNotice media={media} />);
    expect((await screen.findByTestId('camera-unsendable')).textContent).toContain(
      '“RealSense Depth” works on this computer but its picture cannot be sent to the others',
    );
    const use = screen.getByRole('button', { name: 'Use Front camera instead, which the others can see' });
    await act(async () => {
      fireEvent.click(use);
    });
    expect(media.state.cameraId).toBe('front');
    expect(screen.queryByTestId('camera-unsendable')).toBeNull();
  });

  it('with no other camera, says to choose another or turn it off, and its one button turns the camera off', async () => {
    const media = await started([DEPTH], 'depth');
    renderWithTheme(<UnsendableCameraNotice media={media} />);
    expect((await screen.findByTestId('camera-unsendable')).textContent).toContain(
      'Choose another camera, or turn the camera off.',
    );
    const [off, ...others] = screen.getAllByRole('button');
    expect(others).toEqual([]);
    expect(off?.textContent).toBe('Turn camera off');
    await act(async () => {
      fireEvent.click(off!);
    });
    expect(media.state.video).toBe(false);
    expect(media.cameraTrack).toBeNull();
    expect(screen.queryByTestId('camera-unsendable')).toBeNull();
  });

  it('asked to turn that camera on again (the camera button), moves the focus to the offer, read with the reason', async () => {
    const media = await started([FRONT, DEPTH], 'depth');
    renderWithTheme(<UnsendableCameraNotice media={media} />);
    const use = await screen.findByRole('button', { name: 'Use Front camera instead, which the others can see' });
    expect(document.activeElement).not.toBe(use);
    await act(async () => {
      await media.setVideoEnabled(true);
    });
    expect(document.activeElement).toBe(use);
    expect(document.getElementById(use.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'its picture cannot be sent to the others',
    );
    expect(media.state.unsendableCamera).not.toBeNull();
  });

  it('with no other camera, the focus goes to turning it off', async () => {
    const media = await started([DEPTH], 'depth');
    renderWithTheme(<UnsendableCameraNotice media={media} />);
    const off = await screen.findByRole('button', { name: 'Turn camera off' });
    await act(async () => {
      await media.setVideoEnabled(true);
    });
    expect(document.activeElement).toBe(off);
  });

  it('says nothing for a camera that can be sent', async () => {
    const media = await started([FRONT, DEPTH], 'front');
    renderWithTheme(<UnsendableCameraNotice media={media} />);
    await act(async () => undefined);
    expect(screen.queryByTestId('camera-unsendable')).toBeNull();
  });
});

import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { DeviceSelectors } from '../../src/renderer/features/devices/DeviceSelectors.js';
import { renderWithTheme } from './renderWithTheme.js';
import { FakeMediaStream, fakeDevices } from './support/meetingDoubles.js';

const select = (testId: string) => screen.getByTestId(testId) as HTMLSelectElement;
const options = (testId: string) => [...select(testId).options].map((option) => option.textContent);

describe('DeviceSelectors', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the cameras and microphones, and a choice switches the device in use', async () => {
    const devices = fakeDevices([
      { deviceId: 'cam-1', kind: 'videoinput', label: 'Built-in camera' },
      { deviceId: 'cam-2', kind: 'videoinput', label: 'USB camera' },
      { deviceId: 'mic-1', kind: 'audioinput', label: 'Headset' },
    ]);
    const media = new LocalMedia(devices);
    await media.start();
    renderWithTheme(<DeviceSelectors media={media} />);
    expect(options('select-camera')).toEqual(['Built-in camera', 'USB camera']);
    expect(options('select-microphone')).toEqual(['Headset']);

    await act(async () => {
      fireEvent.change(select('select-camera'), { target: { value: 'cam-2' } });
    });
    expect(devices.requests.at(-1)).toMatchObject({ video: { deviceId: { exact: 'cam-2' } } });
    expect(select('select-camera').value).toBe('cam-2');
  });

  it('says when there is no camera or microphone, and is disabled while asked to be', async () => {
    const media = new LocalMedia(fakeDevices());
    await media.start();
    const { rerender } = renderWithTheme(<DeviceSelectors media={media} />);
    expect(options('select-camera')).toEqual(['No camera found']);
    expect(options('select-microphone')).toEqual(['No microphone found']);
    expect([select('select-camera').disabled, select('select-microphone').disabled]).toEqual([true, true]);

    const listed = new LocalMedia(fakeDevices([{ deviceId: 'cam-1', kind: 'videoinput', label: 'Camera' }]));
    await listed.start();
    rerender(<DeviceSelectors media={listed} disabled />);
    expect(select('select-camera').disabled).toBe(true);
    rerender(<DeviceSelectors media={listed} />);
    expect(select('select-camera').disabled).toBe(false);
  });

  it('says the devices are starting (not missing) until they have started', async () => {
    const media = new LocalMedia(fakeDevices());
    renderWithTheme(<DeviceSelectors media={media} />);
    expect(options('select-camera')).toEqual(['Starting camera…']);
    expect(options('select-microphone')).toEqual(['Starting microphone…']);
    await act(async () => {
      await media.start();
    });
    expect(options('select-camera')).toEqual(['No camera found']);
  });
});

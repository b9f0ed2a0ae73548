import { describe, expect, it } from 'vitest';
import {
  cameraButtonOf,
  cameraOnAfterPress,
  previewCameraButtonOf,
  type CameraButton,
} from '../../src/renderer/call/cameraButton.js';
import type { LocalMediaState } from '../../src/renderer/call/localMediaState.js';

type Shown = Pick<LocalMediaState, 'video' | 'unsendableCamera' | 'cameraCheck'>;
const unsendable = { cameraId: 'depth', previousId: null };

describe('cameraButtonOf: what the meeting’s camera button says', () => {
  it.each<[string, Shown, CameraButton]>([
    ['off', { video: false, unsendableCamera: null, cameraCheck: null }, 'off'],
    ['on and sent', { video: true, unsendableCamera: null, cameraCheck: null }, 'on'],
    [
      'just turned on, checked, the others see the placeholder',
      { video: true, unsendableCamera: null, cameraCheck: 'placeholder' },
      'starting',
    ],
    [
      'switched to, checked, the camera before still sent',
      { video: true, unsendableCamera: null, cameraCheck: 'previous' },
      'on',
    ],
    ['on but its picture cannot be sent', { video: true, unsendableCamera: unsendable, cameraCheck: null }, 'off'],
  ])('%s: %s', (_, state, shown) => {
    expect(cameraButtonOf(state)).toBe(shown);
  });
});

describe('cameraOnAfterPress: pressing it', () => {
  it.each<[CameraButton, boolean]>([
    ['off', true],
    ['on', false],
    ['starting', false],
  ])('from %s asks for the camera on: %s', (button, on) => {
    expect(cameraOnAfterPress(button)).toBe(on);
  });
});

describe('previewCameraButtonOf: the preview’s camera button (pre-join, waiting room)', () => {
  it.each<[string, Shown, CameraButton]>([
    ['off', { video: false, unsendableCamera: null, cameraCheck: null }, 'off'],
    ['on', { video: true, unsendableCamera: null, cameraCheck: null }, 'on'],
    ['just turned on, checked', { video: true, unsendableCamera: null, cameraCheck: 'placeholder' }, 'starting'],
    ['switched to, checked', { video: true, unsendableCamera: null, cameraCheck: 'previous' }, 'on'],
    [
      'on but its picture cannot be sent: the preview plays it',
      { video: true, unsendableCamera: unsendable, cameraCheck: null },
      'on',
    ],
  ])('%s: %s', (_, state, shown) => {
    expect(previewCameraButtonOf(state)).toBe(shown);
  });
});

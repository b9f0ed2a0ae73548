import { missingCaseError } from '@wava/protocol/plain';
import { sendsCamera, type LocalMediaState } from './localMediaState.js';

/**
 * What the meeting's camera button says: 'on' while the others get a camera picture, 'starting' while a camera just
 * turned on is checked before the calls send it (cameraSendability.ts; the others meanwhile see the camera-off
 * placeholder), 'off' otherwise (off, or a camera whose picture cannot be sent: pressing it then tells why).
 */
export type CameraButton = 'on' | 'starting' | 'off';

export function cameraButtonOf(
  state: Pick<LocalMediaState, 'video' | 'unsendableCamera' | 'cameraCheck'>,
): CameraButton {
  if (state.video && state.unsendableCamera === null && state.cameraCheck === 'placeholder') return 'starting';
  return sendsCamera(state) ? 'on' : 'off';
}

/** Whether pressing the button shown as `button` asks for the camera on: pressing it while starting cancels. */
export function cameraOnAfterPress(button: CameraButton): boolean {
  switch (button) {
    case 'off':
      return true;
    case 'on':
    case 'starting':
      return false;
    default:
      throw missingCaseError(button);
  }
}

/**
 * What the preview's camera button says (pre-join, waiting room): the meeting's, starting and its cancel included,
 * except that a camera whose picture cannot be sent shows on: the preview plays it, and the notice beside it says
 * the others would not see it (pressing turns it off, as the preview shows).
 */
export function previewCameraButtonOf(
  state: Pick<LocalMediaState, 'video' | 'unsendableCamera' | 'cameraCheck'>,
): CameraButton {
  const button = cameraButtonOf(state);
  return button === 'off' && state.video ? 'on' : button;
}

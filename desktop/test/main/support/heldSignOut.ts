import type { PendingWork } from '../../../src/main/util/PendingWork.js';
import { heldWork } from './heldWork.js';

/**
 * A sign-out on its way to the server, tracked as the main process tracks it, that the test answers by hand
 * (`answer()`); once answered, 'sign-out answered' is pushed to `events`.
 */
export function heldSignOut(signOuts: PendingWork, events: string[]) {
  const held = heldWork();
  signOuts.track(
    held.promise.then(() => void events.push('sign-out answered')),
    'telling the server about the sign-out',
  );
  return { answer: held.finish };
}

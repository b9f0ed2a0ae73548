import { useCallback, useSyncExternalStore } from 'react';
import type { LocalMedia } from '../call/localMedia.js';
import type { LocalMediaState } from '../call/localMediaState.js';

/** The local camera/microphone state (choices, devices, errors), live. */
export function useLocalMediaState(media: LocalMedia): LocalMediaState {
  const subscribe = useCallback((onChange: () => void) => media.on('change', onChange), [media]);
  const snapshot = useCallback(() => media.state, [media]);
  return useSyncExternalStore(subscribe, snapshot);
}

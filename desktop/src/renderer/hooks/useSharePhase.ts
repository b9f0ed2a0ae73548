import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { SharePhase, SharePhaseSource } from '../call/sharePhase.js';
import { notifyInNextTask } from '../util/notifyInNextTask.js';

/**
 * Our share's phase for the share's own controls: they re-render alone, at once (in the next task, see
 * `notifyInNextTask`), while the stage waits for the share's first frame to leave (afterFirstFrameSent.ts).
 */
export function useSharePhase(source: SharePhaseSource): SharePhase {
  const subscribe = useMemo(() => notifyInNextTask((listener) => source.onSharePhase(listener)), [source]);
  const snapshot = useCallback(() => source.sharePhase, [source]);
  return useSyncExternalStore(subscribe, snapshot);
}

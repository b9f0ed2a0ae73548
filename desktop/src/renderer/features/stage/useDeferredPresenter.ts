import { useDeferredValue, useMemo } from 'react';
import { screenPresenter, type Presenter } from '../../call/callSelectors.js';
import type { CallState } from '../../call/callState.js';

/**
 * Who shares a screen, deferred: the stage re-layout that follows a share starting or ending renders at low
 * priority, in slices that yield to the share's call set-up. Only the presenter is deferred, and it keeps its
 * identity while nobody starts or stops sharing, so other changes of the call (a stream, a connection, a mute)
 * render once, not a second time for the deferred value.
 */
export function useDeferredPresenter(state: CallState): Presenter | null {
  const now = screenPresenter(state);
  const peerId = now?.peerId ?? null;
  const displayName = now?.displayName ?? '';
  const self = now?.self ?? false;
  const presenter = useMemo(
    () => (peerId === null ? null : { peerId, displayName, self }),
    [peerId, displayName, self],
  );
  return useDeferredValue(presenter);
}

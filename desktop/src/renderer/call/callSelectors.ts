import type { CallState } from './callState.js';

export interface Presenter {
  peerId: string;
  displayName: string;
  self: boolean;
}

/** Whose screen is shown large: someone else's share first (the last in tile order), else our own. */
export function screenPresenter(state: CallState): Presenter | null {
  for (let i = state.remotes.length - 1; i >= 0; i -= 1) {
    const tile = state.remotes[i];
    if (tile && tile.screenStreamId !== null)
      return { peerId: tile.peerId, displayName: tile.displayName, self: false };
  }
  if (state.local.screen && state.self)
    return { peerId: state.self.peerId, displayName: state.self.displayName, self: true };
  return null;
}

/** Whether we host this meeting: only the host may end it for everyone. */
export function isHost(state: CallState): boolean {
  return state.self !== null && state.meeting !== null && state.self.userId === state.meeting.hostId;
}

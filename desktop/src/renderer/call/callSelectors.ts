import type { CallState, RemoteTile } from './callState.js';

export interface Presenter {
  peerId: string;
  displayName: string;
  self: boolean;
}

/**
 * Whose screen is shown large. One share at a time: a new share replaces the old one (the first presenter
 * stops when they see the second start), so our own share comes first (the sharer always sees "You are
 * presenting"), then someone else's (the last in tile order).
 */
export function screenPresenter(state: CallState): Presenter | null {
  if (state.local.screen && state.self)
    return { peerId: state.self.peerId, displayName: state.self.displayName, self: true };
  for (let i = state.remotes.length - 1; i >= 0; i -= 1) {
    const tile = state.remotes[i];
    if (tile && tile.screenStreamId !== null)
      return { peerId: tile.peerId, displayName: tile.displayName, self: false };
  }
  return null;
}

/** Whether we host this meeting: only the host may end it for everyone. */
export function isHost(state: CallState): boolean {
  return state.self !== null && state.meeting !== null && state.self.userId === state.meeting.hostId;
}

/** The tile of a remote participant, if they have one. */
export function tileOf(state: CallState, peerId: string): RemoteTile | undefined {
  return state.remotes.find((tile) => tile.peerId === peerId);
}

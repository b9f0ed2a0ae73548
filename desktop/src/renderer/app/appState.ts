import { missingCaseError } from '@wava/protocol';
import type { Meeting, PublicUser } from '@wava/protocol';
import type { LocalMedia } from '../call/localMedia.js';
import type { MeetingClient } from '../call/meetingClient.js';

/**
 * Which screen is up. The pre-join and meeting screens carry the plain-TypeScript controllers they
 * render (local media, the meeting client); the WebRTC objects stay inside those.
 */
export type Screen =
  | { name: 'loading' }
  | { name: 'auth'; notice: string | null }
  | { name: 'home'; user: PublicUser; error: string | null; busy: boolean }
  | { name: 'prejoin'; user: PublicUser; meeting: Meeting; media: LocalMedia }
  | { name: 'meeting'; user: PublicUser; client: MeetingClient }
  /** We left (or ended the meeting ourselves): say so, offer Rejoin and Home. */
  | { name: 'left'; user: PublicUser; code: string };

export interface AppState {
  screen: Screen;
  /** An invite that arrived before the person signed in: opened right after. */
  pendingInvite: string | null;
  /** A sentence for Home once the person gets there, e.g. an invite link that was not one. */
  pendingNotice: string | null;
}

export type AppAction =
  | { type: 'restored'; user: PublicUser | null }
  | { type: 'signed-in'; user: PublicUser }
  | { type: 'signed-out'; notice: string | null }
  | { type: 'invite-received'; code: string }
  | { type: 'invite-consumed' }
  | { type: 'invite-invalid'; message: string }
  | { type: 'rejoin' }
  | { type: 'left-closed' }
  | { type: 'home-busy' }
  | { type: 'home-error'; message: string }
  | { type: 'prejoin-opened'; meeting: Meeting; media: LocalMedia }
  | { type: 'prejoin-closed' }
  | { type: 'meeting-started'; client: MeetingClient }
  /** `left`: we pressed Leave (the meeting goes on): the "You left" screen instead of Home. */
  | { type: 'meeting-finished'; message: string | null; left?: boolean };

export const INITIAL_APP_STATE: AppState = { screen: { name: 'loading' }, pendingInvite: null, pendingNotice: null };

export function appReducer(state: AppState, action: AppAction): AppState {
  const { screen } = state;
  switch (action.type) {
    case 'restored':
      return action.user
        ? { ...state, screen: home(action.user, state.pendingNotice), pendingNotice: null }
        : { ...state, screen: { name: 'auth', notice: state.pendingNotice } };
    case 'signed-in':
      return { ...state, screen: home(action.user, state.pendingNotice), pendingNotice: null };
    case 'signed-out':
      return { screen: { name: 'auth', notice: action.notice }, pendingInvite: null, pendingNotice: null };
    case 'invite-received':
      return { ...state, pendingInvite: action.code };
    case 'invite-consumed':
      return state.pendingInvite === null ? state : { ...state, pendingInvite: null };
    case 'invite-invalid':
      if (screen.name === 'home') return { ...state, screen: { ...screen, error: action.message } };
      if (screen.name === 'auth') return { ...state, screen: { ...screen, notice: action.message } };
      return { ...state, pendingNotice: action.message };
    case 'rejoin':
      return screen.name === 'left' ? { ...state, screen: home(screen.user), pendingInvite: screen.code } : state;
    case 'left-closed':
      return screen.name === 'left' ? { ...state, screen: home(screen.user) } : state;
    case 'home-busy':
      return screen.name === 'home' ? { ...state, screen: { ...screen, busy: true, error: null } } : state;
    case 'home-error':
      return screen.name === 'home' ? { ...state, screen: { ...screen, busy: false, error: action.message } } : state;
    case 'prejoin-opened':
      return screen.name === 'home'
        ? { ...state, screen: { name: 'prejoin', user: screen.user, meeting: action.meeting, media: action.media } }
        : state;
    case 'prejoin-closed':
      return screen.name === 'prejoin' ? { ...state, screen: home(screen.user) } : state;
    case 'meeting-started':
      return screen.name === 'prejoin'
        ? { ...state, screen: { name: 'meeting', user: screen.user, client: action.client } }
        : state;
    case 'meeting-finished':
      if (screen.name !== 'meeting') return state;
      return action.left
        ? { ...state, screen: { name: 'left', user: screen.user, code: screen.client.code } }
        : { ...state, screen: home(screen.user, action.message) };
    default:
      throw missingCaseError(action);
  }
}

function home(user: PublicUser, error: string | null = null): Screen {
  return { name: 'home', user, error, busy: false };
}

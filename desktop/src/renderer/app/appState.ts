import { missingCaseError } from '@wava/protocol/plain';
import type { GuestSession, Meeting, PublicUser } from '@wava/protocol';
import type { LocalMedia } from '../call/localMedia.js';
import type { MeetingClient } from '../call/meetingClient.js';
import type { LobbyClient } from '../features/lobby/lobbyClient.js';
import type { AuthStore } from '../platform/Platform.js';
import type { AppNotice } from './appNotice.js';

/**
 * Which screen is up. The pre-join and meeting screens carry the plain-TypeScript controllers they
 * render (local media, the meeting client); the WebRTC objects stay inside those.
 */
export type Screen =
  | { name: 'loading' }
  | { name: 'auth'; notice: AppNotice | null }
  | { name: 'home'; user: PublicUser; error: AppNotice | null; busy: boolean }
  | { name: 'prejoin'; user: PublicUser; meeting: Meeting; media: LocalMedia }
  /** Waiting to be let in (or, a guest, about to ask): the camera preview, and where the knock stands. */
  | { name: 'lobby'; user: PublicUser; media: LocalMedia; lobby: LobbyClient }
  | { name: 'meeting'; user: PublicUser; client: MeetingClient }
  /** We left (or ended the meeting ourselves): say so, offer Rejoin and Home. */
  | { name: 'left'; user: PublicUser; code: string };

export interface AppState {
  screen: Screen;
  /** An invite that arrived before the person signed in: opened right after. */
  pendingInvite: string | null;
  /** A notice for Home once the person gets there, e.g. an invite link that was not one. */
  pendingNotice: AppNotice | null;
  /** A guest (no account) in one meeting: their session, whose token the meeting's connections use. */
  guest: { session: GuestSession; auth: AuthStore } | null;
}

export type AppAction =
  /** `notice`: why there is no user (e.g. a newer version of Wava holds the sign-in), shown on sign-in. */
  | { type: 'restored'; user: PublicUser | null; notice?: AppNotice }
  | { type: 'signed-in'; user: PublicUser }
  | { type: 'signed-out'; notice: AppNotice | null }
  | { type: 'invite-received'; code: string }
  | { type: 'invite-consumed' }
  | { type: 'invite-invalid' }
  | { type: 'rejoin' }
  | { type: 'left-closed' }
  | { type: 'home-busy' }
  | { type: 'home-error'; notice: AppNotice }
  | { type: 'prejoin-opened'; meeting: Meeting; media: LocalMedia }
  | { type: 'prejoin-closed' }
  | { type: 'meeting-started'; client: MeetingClient }
  /** Someone signed in must wait: pre-join becomes the waiting room. */
  | { type: 'lobby-entered'; lobby: LobbyClient }
  /** From an invite, without an account: the waiting room, ready to ask. */
  | { type: 'guest-started'; session: GuestSession; auth: AuthStore; media: LocalMedia; lobby: LobbyClient }
  | { type: 'lobby-left' }
  /** `left`: we pressed Leave (the meeting goes on): the "You left" screen instead of Home. */
  | { type: 'meeting-finished'; notice: AppNotice | null; left?: boolean };

export const INITIAL_APP_STATE: AppState = {
  screen: { name: 'loading' },
  pendingInvite: null,
  pendingNotice: null,
  guest: null,
};

export function appReducer(state: AppState, action: AppAction): AppState {
  const { screen } = state;
  switch (action.type) {
    case 'restored':
      return action.user
        ? { ...state, screen: home(action.user, state.pendingNotice), pendingNotice: null }
        : { ...state, screen: { name: 'auth', notice: action.notice ?? state.pendingNotice } };
    case 'signed-in':
      return { ...state, screen: home(action.user, state.pendingNotice), pendingNotice: null };
    case 'signed-out':
      return { screen: { name: 'auth', notice: action.notice }, pendingInvite: null, pendingNotice: null, guest: null };
    case 'invite-received':
      return { ...state, pendingInvite: action.code };
    case 'invite-consumed':
      return state.pendingInvite === null ? state : { ...state, pendingInvite: null };
    case 'invite-invalid': {
      const notice: AppNotice = { type: 'invalid-invite' };
      if (screen.name === 'home') return { ...state, screen: { ...screen, error: notice } };
      if (screen.name === 'auth') return { ...state, screen: { ...screen, notice } };
      return { ...state, pendingNotice: notice };
    }
    case 'rejoin':
      return screen.name === 'left' ? { ...state, screen: home(screen.user), pendingInvite: screen.code } : state;
    case 'left-closed':
      return screen.name === 'left' ? { ...state, screen: home(screen.user) } : state;
    case 'home-busy':
      return screen.name === 'home' ? { ...state, screen: { ...screen, busy: true, error: null } } : state;
    case 'home-error':
      return screen.name === 'home' ? { ...state, screen: { ...screen, busy: false, error: action.notice } } : state;
    case 'prejoin-opened':
      return screen.name === 'home'
        ? { ...state, screen: { name: 'prejoin', user: screen.user, meeting: action.meeting, media: action.media } }
        : state;
    case 'prejoin-closed':
      return screen.name === 'prejoin' ? { ...state, screen: home(screen.user) } : state;
    case 'meeting-started':
      return screen.name === 'prejoin' || screen.name === 'lobby'
        ? { ...state, screen: { name: 'meeting', user: screen.user, client: action.client } }
        : state;
    case 'lobby-entered':
      return screen.name === 'prejoin'
        ? { ...state, screen: { name: 'lobby', user: screen.user, media: screen.media, lobby: action.lobby } }
        : state;
    case 'guest-started': {
      if (screen.name !== 'auth') return state;
      const { session, auth, media, lobby } = action;
      const user: PublicUser = { id: session.guest.id, username: '', displayName: session.guest.displayName };
      return {
        ...state,
        screen: { name: 'lobby', user, media, lobby },
        pendingInvite: null,
        guest: { session, auth },
      };
    }
    case 'lobby-left':
      if (screen.name !== 'lobby') return state;
      return state.guest ? guestOut(state, null) : { ...state, screen: home(screen.user) };
    case 'meeting-finished':
      if (screen.name !== 'meeting') return state;
      // A guest has no Home: back to the invite's sign-in screen, where they may join as a guest again.
      if (state.guest) return guestOut(state, action.notice);
      return action.left
        ? { ...state, screen: { name: 'left', user: screen.user, code: screen.client.code } }
        : { ...state, screen: home(screen.user, action.notice) };
    default:
      throw missingCaseError(action);
  }
}

/** A guest's visit is over: the invite's sign-in screen again, with a notice. */
function guestOut(state: AppState, notice: AppNotice | null): AppState {
  const code = state.guest?.session.code ?? null;
  return { ...state, screen: { name: 'auth', notice }, pendingInvite: code, guest: null };
}

function home(user: PublicUser, error: AppNotice | null = null): Screen {
  return { name: 'home', user, error, busy: false };
}

import { useCallback, useEffect, useReducer, useRef, type Dispatch, type RefObject } from 'react';
import type { Platform } from '../platform/Platform.js';
import { appReducer, INITIAL_APP_STATE, type AppAction, type AppState } from './appState.js';
import type { PreparedMeeting } from './preparedMeeting.js';

export interface AppSession {
  state: AppState;
  dispatch: Dispatch<AppAction>;
  /** The state as last rendered, for what answers later (a knock, a sign-out in another tab). */
  latest: RefObject<AppState>;
  /** At once for the person, however long the server takes to hear of it. */
  signOut: () => void;
}

/**
 * Who is signed in and which screen is up (`appReducer`), kept in step with the platform: the sign-in restored at
 * start, invites as they arrive, a sign-out in another tab of this browser, and Sign out.
 */
export function useAppSession(platform: Platform, prepared: PreparedMeeting): AppSession {
  const [state, dispatch] = useReducer(appReducer, INITIAL_APP_STATE);

  useEffect(() => {
    let alive = true;
    platform.auth.restore().then(
      (session) =>
        alive &&
        dispatch(
          !session && platform.auth.updatedElsewhere?.()
            ? { type: 'restored', user: null, notice: { type: 'updated-elsewhere' } }
            : { type: 'restored', user: session?.user ?? null },
        ),
      () => alive && dispatch({ type: 'restored', user: null }),
    );
    return () => {
      alive = false;
    };
  }, [platform]);

  useEffect(() => platform.onInvite((code) => dispatch({ type: 'invite-received', code })), [platform]);

  // Signed out in another tab of this browser: this tab leaves its call or pre-join and shows sign-in too.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);
  useEffect(
    () =>
      platform.auth.onSignedOut?.(() => {
        const { screen: current, guest } = latest.current;
        // A guest's visit does not depend on this browser's sign-in.
        if (guest) return;
        if (current.name === 'meeting') current.client.leave();
        if (current.name === 'prejoin') {
          current.media.stop();
          prepared.discard();
        }
        // Or this older page cannot use the sign-in a newer version of Wava keeps: a reload brings that version.
        const why = platform.auth.updatedElsewhere?.() ? 'updated-elsewhere' : 'signed-out-elsewhere';
        dispatch({ type: 'signed-out', notice: { type: why } });
      }),
    [platform, prepared],
  );

  // The store forgets the sign-in when asked (before its first await), and tells the server in the background.
  const signOut = useCallback(() => {
    void platform.auth.logout();
    dispatch({ type: 'signed-out', notice: null });
  }, [platform]);

  return { state, dispatch, latest, signOut };
}

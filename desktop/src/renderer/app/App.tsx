import { endsSession, userMessage, type ApiError, type Meeting, type Result } from '@wava/protocol';
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';
import { ThemeProvider } from 'styled-components';
import { createServerApi } from '../api/serverApi.js';
import { LocalMedia } from '../call/localMedia.js';
import { MeetingClient } from '../call/meetingClient.js';
import { AuthScreen } from '../features/auth/AuthScreen.js';
import { useInviteStatus } from '../features/auth/useInviteStatus.js';
import { HomeScreen } from '../features/home/HomeScreen.js';
import { MeetingScreen } from '../features/meeting/MeetingScreen.js';
import { PreJoinScreen } from '../features/prejoin/PreJoinScreen.js';
import { useColorScheme } from '../hooks/useColorScheme.js';
import type { Platform } from '../platform/Platform.js';
import { GlobalStyle } from '../ui/theme/GlobalStyle.js';
import { darkTheme, lightTheme } from '../ui/theme/theme.js';
import { appReducer, INITIAL_APP_STATE } from './appState.js';
import { useMeetingEnd } from '../hooks/useMeetingEnd.js';

const SIGNED_OUT_ELSEWHERE = 'You signed out, or signed in as someone else, in another tab or window.';

export interface AppProps {
  platform: Platform;
  serverUrl: string;
  Overlay?: ComponentType | null;
}

/** The whole renderer: sign-in, home, pre-join and the meeting, on one theme that follows the OS. */
export function App({ platform, serverUrl: initialServerUrl, Overlay = null }: AppProps) {
  const scheme = useColorScheme();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [state, dispatch] = useReducer(appReducer, INITIAL_APP_STATE);
  const api = useMemo(() => createServerApi(serverUrl, platform.auth), [serverUrl, platform]);
  const opening = useRef(false);
  const { screen } = state;
  const inviteStatus = useInviteStatus(serverUrl, screen.name === 'auth' ? state.pendingInvite : null);

  useEffect(() => {
    let alive = true;
    platform.auth.restore().then(
      (session) => alive && dispatch({ type: 'restored', user: session?.user ?? null }),
      () => alive && dispatch({ type: 'restored', user: null }),
    );
    return () => {
      alive = false;
    };
  }, [platform]);

  useEffect(() => platform.onInvite((code) => dispatch({ type: 'invite-received', code })), [platform]);

  // Signed out in another tab of this browser: this tab leaves its call or pre-join and shows sign-in too.
  const screenNow = useRef(screen);
  useEffect(() => {
    screenNow.current = screen;
  }, [screen]);
  useEffect(
    () =>
      platform.auth.onSignedOut?.(() => {
        const current = screenNow.current;
        if (current.name === 'meeting') current.client.leave();
        if (current.name === 'prejoin') current.media.stop();
        dispatch({ type: 'signed-out', notice: SIGNED_OUT_ELSEWHERE });
      }),
    [platform],
  );

  const failed = useCallback((error: ApiError) => {
    // The session is gone: back to sign-in, with the sentence.
    if (endsSession(error.code)) dispatch({ type: 'signed-out', notice: userMessage(error.code) });
    else dispatch({ type: 'home-error', message: userMessage(error.code) });
  }, []);

  const openPreJoin = useCallback((meeting: Meeting) => {
    if (meeting.endedAt !== null) {
      dispatch({ type: 'home-error', message: userMessage('MEETING_ENDED') });
      return;
    }
    const media = new LocalMedia();
    dispatch({ type: 'prejoin-opened', meeting, media });
    void media.start();
  }, []);

  /** Home's two ways into pre-join (join by code, create): one request at a time, Home busy meanwhile. */
  const openWith = useCallback(
    async (load: () => Promise<Result<Meeting>>) => {
      if (opening.current) return;
      opening.current = true;
      dispatch({ type: 'home-busy' });
      const result = await load();
      opening.current = false;
      if (result.ok) openPreJoin(result.data);
      else failed(result.error);
    },
    [failed, openPreJoin],
  );
  const openMeeting = useCallback((code: string) => openWith(() => api.getMeeting(code)), [api, openWith]);
  const createMeeting = useCallback(() => openWith(() => api.createMeeting()), [api, openWith]);

  // An invite (deep link, or the page's /j/CODE) opens as soon as the person is on Home.
  useEffect(() => {
    if (screen.name !== 'home' || screen.busy || state.pendingInvite === null) return;
    const code = state.pendingInvite;
    dispatch({ type: 'invite-consumed' });
    void openMeeting(code);
  }, [screen, state.pendingInvite, openMeeting]);

  // A revoked sign-in: the call core has already signed out through the Platform; show why on sign-in.
  useMeetingEnd(screen.name === 'meeting' ? screen.client : null, ({ message, signedOut }) =>
    dispatch(signedOut ? { type: 'signed-out', notice: message } : { type: 'meeting-finished', message }),
  );

  const signOut = useCallback(async () => {
    await platform.auth.logout();
    dispatch({ type: 'signed-out', notice: null });
  }, [platform]);

  let content: ReactNode = null;
  switch (screen.name) {
    case 'loading':
      content = null;
      break;
    case 'auth':
      content = (
        <AuthScreen
          auth={platform.auth}
          notice={screen.notice}
          inviteCode={state.pendingInvite}
          inviteStatus={inviteStatus}
          onSignedIn={(user) => dispatch({ type: 'signed-in', user })}
          serverSettings={platform.serverSettings}
          onServerChanged={() => void platform.serverUrl().then(setServerUrl)}
        />
      );
      break;
    case 'home':
      content = (
        <HomeScreen
          user={screen.user}
          serverUrl={serverUrl}
          error={screen.error}
          busy={screen.busy}
          onCreate={() => void createMeeting()}
          onJoin={(code) => void openMeeting(code)}
          onSignOut={() => void signOut()}
        />
      );
      break;
    case 'prejoin': {
      const { media, meeting } = screen;
      content = (
        <PreJoinScreen
          user={screen.user}
          meeting={meeting}
          media={media}
          onBack={() => {
            media.stop();
            dispatch({ type: 'prejoin-closed' });
          }}
          onJoin={() => {
            const client = new MeetingClient({ platform, serverUrl, code: meeting.code, media });
            dispatch({ type: 'meeting-started', client });
            client.join();
          }}
        />
      );
      break;
    }
    case 'meeting':
      content = <MeetingScreen client={screen.client} />;
      break;
  }

  return (
    <ThemeProvider theme={scheme === 'dark' ? darkTheme : lightTheme}>
      <GlobalStyle />
      {content}
      {Overlay ? <Overlay /> : null}
    </ThemeProvider>
  );
}

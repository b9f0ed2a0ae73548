import type { GuestSession, Meeting, PublicUser } from '@wava/protocol';
import { endsSession, parseInvite, type ApiError, type Result } from '@wava/protocol/plain';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
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
import { AuthScreen } from '../features/auth/AuthScreen.js';
import { useInviteStatus } from '../features/auth/useInviteStatus.js';
import { HomeScreen } from '../features/home/HomeScreen.js';
import { createGuestAuthStore } from '../features/lobby/guestAuthStore.js';
import { GuestJoinForm } from '../features/lobby/GuestJoinForm.js';
import { LobbyScreen } from '../features/lobby/LobbyScreen.js';
import { mustKnock } from '../features/lobby/mustKnock.js';
import { LeftScreen } from '../features/left/LeftScreen.js';
import { PreJoinScreen } from '../features/prejoin/PreJoinScreen.js';
import { useColorScheme } from '../hooks/useColorScheme.js';
import { useTranslation } from '../i18n/useTranslation.js';
import type { Platform } from '../platform/Platform.js';
import { GlobalStyle } from '../ui/theme/GlobalStyle.js';
import { darkTheme, lightTheme } from '../ui/theme/theme.js';
import { loadedMeetingModule, loadMeetingModule } from './meetingModule.js';
import { useMeetingEnd } from '../hooks/useMeetingEnd.js';
import { addressOf } from './addressOf.js';
import { appNoticeSentence, asksForReload } from './appNotice.js';
import { serverProblem } from '../call/callProblem.js';
import { appReducer, INITIAL_APP_STATE } from './appState.js';
import { PreparedMeeting } from './preparedMeeting.js';
import { useMeetingGuard } from './useMeetingGuard.js';
import { readSignInShell, removeSignInShell } from '../signInShell/takeSignInShell.js';

const reloadPage = () => window.location.reload();

const MeetingScreen = lazy(() => loadMeetingModule().then(({ MeetingScreen: screen }) => ({ default: screen })));

export interface AppProps {
  platform: Platform;
  serverUrl: string;
  Overlay?: ComponentType | null;
}

/** The whole renderer: sign-in, home, pre-join and the meeting, on one theme that follows the OS. */
export function App({ platform, serverUrl: initialServerUrl, Overlay = null }: AppProps) {
  const scheme = useColorScheme();
  // Notices are kept as codes and written below at render: a language switch re-renders them here.
  useTranslation();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [state, dispatch] = useReducer(appReducer, INITIAL_APP_STATE);
  const api = useMemo(() => createServerApi(serverUrl, platform.auth), [serverUrl, platform]);
  const opening = useRef(false);
  /** Set once a MeetingClient exists for the current pre-join, so a double Join places one. */
  const joining = useRef(false);
  /** The pre-join's MeetingClient, connected while the person looks at the preview. */
  const prepared = useMemo(() => new PreparedMeeting(), []);
  const { screen } = state;
  const inviteStatus = useInviteStatus(serverUrl, screen.name === 'auth' ? state.pendingInvite : null);

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

  // The first screen the app renders replaces the sign-in shell of index.html in the same frame (the sign-in screen
  // has read what was typed into it by then).
  const decided = screen.name !== 'loading';
  useLayoutEffect(() => {
    if (decided) removeSignInShell(document);
  }, [decided]);

  // On the web, a /j/ path that holds no meeting code says so instead of silently showing Home.
  useEffect(() => {
    if (platform.kind !== 'web') return;
    const { href, pathname } = window.location;
    if (pathname.startsWith('/j/') && parseInvite(href) === null) {
      dispatch({ type: 'invite-invalid' });
    }
  }, [platform]);

  // On the web, the address bar follows the screen (the invite path in a meeting, /left after it).
  const address = addressOf(screen);
  useEffect(() => {
    if (platform.kind !== 'web' || address === null || window.location.pathname === address) return;
    window.history.replaceState(null, '', address);
  }, [platform, address]);

  useMeetingGuard(screen.name === 'meeting' ? screen.client : null, platform.kind === 'web');
  // Signed out in another tab of this browser: this tab leaves its call or pre-join and shows sign-in too.
  const screenNow = useRef(screen);
  const guestNow = useRef(state.guest);
  useEffect(() => {
    screenNow.current = screen;
    guestNow.current = state.guest;
  }, [screen, state.guest]);
  useEffect(
    () =>
      platform.auth.onSignedOut?.(() => {
        const current = screenNow.current;
        // A guest's visit does not depend on this browser's sign-in.
        if (guestNow.current) return;
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

  const failed = useCallback((error: ApiError) => {
    // The session is gone: back to sign-in, with the sentence.
    if (endsSession(error.code)) dispatch({ type: 'signed-out', notice: serverProblem(error.code) });
    else dispatch({ type: 'home-error', notice: serverProblem(error.code, error.retryAfterSeconds) });
  }, []);

  const openPreJoin = useCallback(
    (meeting: Meeting) => {
      if (meeting.endedAt !== null) {
        dispatch({ type: 'home-error', notice: serverProblem('MEETING_ENDED') });
        return;
      }
      const media = new LocalMedia();
      joining.current = false;
      dispatch({ type: 'prejoin-opened', meeting, media });
      void media.start();
      // Fetched and connected while the person looks at the pre-join screen: Join is then one message.
      prepared.prepare({ platform, serverUrl, code: meeting.code, media });
    },
    [platform, serverUrl, prepared],
  );

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
  const createMeeting = useCallback(
    (settings: { lobby: boolean }) => openWith(() => api.createMeeting(settings)),
    [api, openWith],
  );

  /** The meeting's own connection, once nothing stands in the way (admitted, or no waiting room). */
  const startMeeting = useCallback(
    (code: string, media: LocalMedia) => {
      // The client prepared on the pre-join screen (its socket and Peer already open), unless we are a guest:
      // that one was made with the account's sign-in.
      const guest = guestNow.current;
      if (guest) prepared.discard();
      const params = { platform: guest ? { ...platform, auth: guest.auth } : platform, serverUrl, code, media };
      prepared.take(params).then(
        (client) => {
          client.join();
          // The meeting view renders once the join's calls are set up (a few hundred ms at most). Not in a
          // transition: the pre-join's microphone meter updates every 100 ms, and each update restarted the
          // transition's render of a full meeting view, which on a busy machine then never finished.
          client.afterCallSetup(() => dispatch({ type: 'meeting-started', client }));
        },
        () => {
          // The meeting's chunk could not load: this page is older than the server's build, or the link dropped.
          media.stop();
          dispatch({ type: 'prejoin-closed' });
          dispatch({ type: 'home-error', notice: serverProblem('RELOAD_NEEDED') });
        },
      );
    },
    [platform, serverUrl, prepared],
  );

  /**
   * Join from pre-join: at once, unless the meeting holds us in its waiting room; then we knock first (answered at
   * once when we were let in meanwhile) and wait in the lobby screen.
   */
  const join = useCallback(
    (user: PublicUser, meeting: Meeting, media: LocalMedia) => {
      if (joining.current) return;
      joining.current = true;
      if (meeting.hostId === user.id || !mustKnock(meeting)) return startMeeting(meeting.code, media);
      loadMeetingModule().then(
        ({ MeetingSignaling, LobbyClient }) => {
          const lobby = new LobbyClient(new MeetingSignaling(serverUrl, platform.auth), meeting.code);
          const off = lobby.subscribe(() => {
            const phase = lobby.getSnapshot();
            if (phase.name === 'knocking') return;
            off();
            if (phase.name !== 'admitted') return dispatch({ type: 'lobby-entered', lobby });
            lobby.close();
            startMeeting(meeting.code, media);
          });
          lobby.knock();
        },
        () => {
          joining.current = false;
          dispatch({ type: 'home-error', notice: serverProblem('RELOAD_NEEDED') });
        },
      );
    },
    [platform, serverUrl, startMeeting],
  );

  /** An invite, without an account: a guest session, then the waiting room with the camera preview. */
  const startAsGuest = useCallback(
    (session: GuestSession) => {
      const auth = createGuestAuthStore(session);
      loadMeetingModule().then(
        ({ MeetingSignaling, LobbyClient }) => {
          const media = new LocalMedia();
          const lobby = new LobbyClient(new MeetingSignaling(serverUrl, auth), session.code);
          dispatch({ type: 'guest-started', session, auth, media, lobby });
          void media.start();
        },
        () => dispatch({ type: 'signed-out', notice: serverProblem('RELOAD_NEEDED') }),
      );
    },
    [serverUrl],
  );

  // An invite (deep link, or the page's /j/CODE) opens as soon as the person is on Home.
  useEffect(() => {
    if (screen.name !== 'home' || screen.busy || state.pendingInvite === null) return;
    const code = state.pendingInvite;
    dispatch({ type: 'invite-consumed' });
    void openMeeting(code);
  }, [screen, state.pendingInvite, openMeeting]);

  // A revoked sign-in: the call core has already signed out through the Platform; show why on sign-in.
  useMeetingEnd(screen.name === 'meeting' ? screen.client : null, ({ problem, signedOut, left }) =>
    dispatch(signedOut ? { type: 'signed-out', notice: problem } : { type: 'meeting-finished', notice: problem, left }),
  );

  // At once for the person: the store forgets the sign-in when asked (before its first await), and tells the
  // server in the background, however long that server takes to answer.
  const signOut = useCallback(() => {
    void platform.auth.logout();
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
          notice={screen.notice ? appNoticeSentence(screen.notice) : null}
          noticeAsksForReload={asksForReload(screen.notice)}
          onReload={reloadPage}
          inviteCode={state.pendingInvite}
          inviteStatus={inviteStatus}
          onSignedIn={(user) => dispatch({ type: 'signed-in', user })}
          serverSettings={platform.serverSettings}
          signInStorage={platform.signInStorage}
          onServerChanged={() => void platform.serverUrl().then(setServerUrl)}
          prefill={readSignInShell(document)}
          guestJoin={
            state.pendingInvite ? (
              <GuestJoinForm serverUrl={serverUrl} code={state.pendingInvite} onGuest={startAsGuest} />
            ) : null
          }
        />
      );
      break;
    case 'home':
      content = (
        <HomeScreen
          user={screen.user}
          serverUrl={serverUrl}
          error={screen.error ? appNoticeSentence(screen.error) : null}
          onReload={asksForReload(screen.error) ? reloadPage : undefined}
          busy={screen.busy}
          onCreate={(settings) => void createMeeting(settings)}
          onJoin={(code) => void openMeeting(code)}
          onSignOut={signOut}
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
          platform={platform.kind}
          onBack={() => {
            media.stop();
            prepared.discard();
            dispatch({ type: 'prejoin-closed' });
          }}
          onJoin={() => join(screen.user, meeting, media)}
        />
      );
      break;
    }
    case 'lobby': {
      const { lobby, media, user } = screen;
      content = (
        <LobbyScreen
          lobby={lobby}
          media={media}
          name={user.displayName}
          guest={state.guest !== null}
          platform={platform.kind}
          onAdmitted={() => {
            lobby.close();
            startMeeting(lobby.code, media);
          }}
          onLeave={() => {
            lobby.leave();
            media.stop();
            prepared.discard();
            dispatch({ type: 'lobby-left' });
          }}
        />
      );
      break;
    }
    case 'meeting': {
      // The client came from the meeting's chunk, so it is here: rendered at once (see loadedMeetingModule).
      const Screen = loadedMeetingModule()?.MeetingScreen ?? MeetingScreen;
      content = (
        <Suspense fallback={null}>
          <Screen client={screen.client} platform={platform.kind} />
        </Suspense>
      );
      break;
    }
    case 'left':
      content = (
        <LeftScreen
          code={screen.code}
          onRejoin={() => dispatch({ type: 'rejoin' })}
          onHome={() => dispatch({ type: 'left-closed' })}
        />
      );
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

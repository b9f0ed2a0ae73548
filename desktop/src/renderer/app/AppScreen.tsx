import { missingCaseError } from '@wava/protocol/plain';
import { useEffect, useSyncExternalStore, type Dispatch, type ReactNode } from 'react';
import { AuthScreen } from '../features/auth/AuthScreen.js';
import { useInviteStatus } from '../features/auth/useInviteStatus.js';
import { HomeScreen } from '../features/home/HomeScreen.js';
import { GuestJoinForm } from '../features/lobby/GuestJoinForm.js';
import { LobbyScreen } from '../features/lobby/LobbyScreen.js';
import { LeftScreen } from '../features/left/LeftScreen.js';
import { PreJoinScreen } from '../features/prejoin/PreJoinScreen.js';
import { useTranslation } from '../i18n/useTranslation.js';
import type { Platform } from '../platform/Platform.js';
import { readSignInShell } from '../signInShell/takeSignInShell.js';
import { appNoticeSentence, asksForReload } from './appNotice.js';
import type { AppAction, AppState } from './appState.js';
import { MeetingSlot } from './MeetingSlot.js';
import type { PreparedMeeting } from './preparedMeeting.js';
import type { MeetingEntry } from './useMeetingEntry.js';

const reloadPage = () => window.location.reload();

export interface AppScreenProps {
  state: AppState;
  dispatch: Dispatch<AppAction>;
  platform: Platform;
  serverUrl: string;
  entry: MeetingEntry;
  /** The pre-join's client: the meeting view is rendered with it, hidden, before Join (MeetingSlot). */
  prepared: PreparedMeeting;
  signOut: () => void;
  /** The desktop app's server was changed on the sign-in screen. */
  onServerChanged: () => void;
}

/**
 * The screen that is up (nothing while the sign-in is being restored), with what the person can do there; the
 * meeting view always in the same place after it, so that the one rendered hidden behind the pre-join screen is the
 * one Join shows.
 */
export function AppScreen(props: AppScreenProps) {
  const { state, platform, serverUrl, prepared } = props;
  // Notices are kept as codes and written here at render: a language switch re-renders them.
  useTranslation();
  const { screen, pendingInvite } = state;
  const inviteStatus = useInviteStatus(serverUrl, screen.name === 'auth' ? pendingInvite : null);
  const preparedClient = useSyncExternalStore(prepared.subscribe, prepared.getSnapshot);
  // Behind the pre-join screen, and the waiting room's when we knocked from it (admitted, Join takes the same client).
  const meetingClient =
    screen.name === 'meeting'
      ? screen.client
      : screen.name === 'prejoin' || screen.name === 'lobby'
        ? preparedClient
        : null;
  // Once the app's state holds the meeting's client, the pre-join's reference to it is let go.
  const inMeeting = screen.name === 'meeting';
  useEffect(() => {
    if (inMeeting) prepared.forget();
  }, [inMeeting, prepared]);

  return (
    <>
      {screenOf(props, inviteStatus)}
      {meetingClient ? <MeetingSlot client={meetingClient} shown={inMeeting} platform={platform.kind} /> : null}
    </>
  );
}

/** Every screen but the meeting's (MeetingSlot). */
function screenOf(
  { state, dispatch, platform, serverUrl, entry, signOut, onServerChanged }: AppScreenProps,
  inviteStatus: ReturnType<typeof useInviteStatus>,
): ReactNode {
  const { screen, pendingInvite } = state;
  switch (screen.name) {
    case 'loading':
      return null;
    case 'auth':
      return (
        <AuthScreen
          auth={platform.auth}
          notice={screen.notice ? appNoticeSentence(screen.notice) : null}
          noticeAsksForReload={asksForReload(screen.notice)}
          onReload={reloadPage}
          inviteCode={pendingInvite}
          inviteStatus={inviteStatus}
          onSignedIn={(user) => dispatch({ type: 'signed-in', user })}
          serverSettings={platform.serverSettings}
          signInStorage={platform.signInStorage}
          onServerChanged={onServerChanged}
          prefill={readSignInShell(document)}
          guestJoin={
            pendingInvite ? (
              <GuestJoinForm serverUrl={serverUrl} code={pendingInvite} onGuest={entry.startAsGuest} />
            ) : null
          }
        />
      );
    case 'home':
      return (
        <HomeScreen
          user={screen.user}
          serverUrl={serverUrl}
          error={screen.error ? appNoticeSentence(screen.error) : null}
          onReload={asksForReload(screen.error) ? reloadPage : undefined}
          busy={screen.busy}
          onCreate={(settings) => void entry.createMeeting(settings)}
          onJoin={(code) => void entry.openMeeting(code)}
          onSignOut={signOut}
        />
      );
    case 'prejoin': {
      const { media, meeting, user } = screen;
      return (
        <PreJoinScreen
          user={user}
          meeting={meeting}
          media={media}
          platform={platform.kind}
          onBack={() => entry.closePreJoin(media)}
          onJoin={() => entry.join(user, meeting, media)}
        />
      );
    }
    case 'lobby': {
      const { lobby, media, user } = screen;
      return (
        <LobbyScreen
          lobby={lobby}
          media={media}
          name={user.displayName}
          guest={state.guest !== null}
          platform={platform.kind}
          onAdmitted={() => entry.admitted(lobby, media)}
          onLeave={() => entry.leaveLobby(lobby, media)}
        />
      );
    }
    case 'meeting':
      return null;
    case 'left':
      return (
        <LeftScreen
          code={screen.code}
          onRejoin={() => dispatch({ type: 'rejoin' })}
          onHome={() => dispatch({ type: 'left-closed' })}
        />
      );
    default:
      throw missingCaseError(screen);
  }
}

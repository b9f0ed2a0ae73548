import { useLayoutEffect, useMemo, useState, type ComponentType } from 'react';
import { ThemeProvider } from 'styled-components';
import { useColorScheme } from '../hooks/useColorScheme.js';
import { useMeetingEnd } from '../hooks/useMeetingEnd.js';
import type { Platform } from '../platform/Platform.js';
import { removeSignInShell } from '../signInShell/takeSignInShell.js';
import { GlobalStyle } from '../ui/theme/GlobalStyle.js';
import { darkTheme, lightTheme } from '../ui/theme/theme.js';
import { AppScreen } from './AppScreen.js';
import { PreparedMeeting } from './preparedMeeting.js';
import { useAppSession } from './useAppSession.js';
import { useMeetingEntry } from './useMeetingEntry.js';
import { useMeetingGuard } from './useMeetingGuard.js';
import { useWebAddress } from './useWebAddress.js';

export interface AppProps {
  platform: Platform;
  serverUrl: string;
  Overlay?: ComponentType | null;
}

/** The whole renderer: sign-in, home, pre-join and the meeting, on one theme that follows the OS. */
export function App({ platform, serverUrl: initialServerUrl, Overlay = null }: AppProps) {
  const scheme = useColorScheme();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  /** The pre-join's MeetingClient, connected while the person looks at the preview. */
  const prepared = useMemo(() => new PreparedMeeting(), []);
  const session = useAppSession(platform, prepared);
  const { state, dispatch, signOut } = session;
  const { screen } = state;

  // The first screen the app renders replaces the sign-in shell of index.html in the same frame (the sign-in screen
  // has read what was typed into it by then).
  const decided = screen.name !== 'loading';
  useLayoutEffect(() => {
    if (decided) removeSignInShell(document);
  }, [decided]);

  useWebAddress(platform.kind === 'web', screen, dispatch);
  useMeetingGuard(screen.name === 'meeting' ? screen.client : null, platform.kind === 'web');
  const entry = useMeetingEntry({ platform, serverUrl, session, prepared });

  // A revoked sign-in: the call core has already signed out through the Platform; show why on sign-in.
  useMeetingEnd(screen.name === 'meeting' ? screen.client : null, ({ problem, signedOut, left }) =>
    dispatch(signedOut ? { type: 'signed-out', notice: problem } : { type: 'meeting-finished', notice: problem, left }),
  );

  return (
    <ThemeProvider theme={scheme === 'dark' ? darkTheme : lightTheme}>
      <GlobalStyle />
      <AppScreen
        state={state}
        dispatch={dispatch}
        platform={platform}
        serverUrl={serverUrl}
        entry={entry}
        prepared={prepared}
        signOut={signOut}
        onServerChanged={() => void platform.serverUrl().then(setServerUrl)}
      />
      {Overlay ? <Overlay /> : null}
    </ThemeProvider>
  );
}

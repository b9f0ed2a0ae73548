import type { GuestSession, Meeting, PublicUser } from '@wava/protocol';
import { endsSession, type ApiError, type Result } from '@wava/protocol/plain';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createServerApi } from '../api/serverApi.js';
import { serverProblem } from '../call/callProblem.js';
import { LocalMedia } from '../call/localMedia.js';
import { createGuestAuthStore } from '../features/lobby/guestAuthStore.js';
import type { LobbyClient } from '../features/lobby/lobbyClient.js';
import { mustKnock } from '../features/lobby/mustKnock.js';
import type { Platform } from '../platform/Platform.js';
import { loadMeetingModule } from './meetingModule.js';
import type { PreparedMeeting } from './preparedMeeting.js';
import type { AppSession } from './useAppSession.js';

/** The ways into a meeting and out of its waiting screens, as Home, pre-join, the lobby and sign-in offer them. */
export interface MeetingEntry {
  /** Home: join by code, or create; one request at a time, Home busy meanwhile. */
  openMeeting: (code: string) => Promise<void>;
  createMeeting: (settings: { lobby: boolean }) => Promise<void>;
  /** Pre-join's Join: at once, or through the waiting room. */
  join: (user: PublicUser, meeting: Meeting, media: LocalMedia) => void;
  closePreJoin: (media: LocalMedia) => void;
  admitted: (lobby: LobbyClient, media: LocalMedia) => void;
  leaveLobby: (lobby: LobbyClient, media: LocalMedia) => void;
  /** An invite, without an account. */
  startAsGuest: (session: GuestSession) => void;
}

export interface MeetingEntryParams {
  platform: Platform;
  serverUrl: string;
  session: Pick<AppSession, 'state' | 'dispatch' | 'latest'>;
  /** The pre-join's MeetingClient, connected while the person looks at the preview. */
  prepared: PreparedMeeting;
}

/** From Home (or an invite) to the meeting: pre-join, the knock, the meeting's client; an invite opens on Home. */
export function useMeetingEntry({ platform, serverUrl, session, prepared }: MeetingEntryParams): MeetingEntry {
  const { state, dispatch, latest } = session;
  const api = useMemo(() => createServerApi(serverUrl, platform.auth), [serverUrl, platform]);
  const opening = useRef(false);
  /** Set once a MeetingClient exists for the current pre-join, so a double Join places one. */
  const joining = useRef(false);

  const failed = useCallback(
    (error: ApiError) => {
      // The session is gone: back to sign-in, with the sentence.
      if (endsSession(error.code)) dispatch({ type: 'signed-out', notice: serverProblem(error.code) });
      else dispatch({ type: 'home-error', notice: serverProblem(error.code, error.retryAfterSeconds) });
    },
    [dispatch],
  );

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
    [platform, serverUrl, prepared, dispatch],
  );

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
    [failed, openPreJoin, dispatch],
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
      const { guest } = latest.current;
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
    [platform, serverUrl, prepared, dispatch, latest],
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
    [platform, serverUrl, startMeeting, dispatch],
  );

  const closePreJoin = useCallback(
    (media: LocalMedia) => {
      media.stop();
      prepared.discard();
      dispatch({ type: 'prejoin-closed' });
    },
    [prepared, dispatch],
  );

  const admitted = useCallback(
    (lobby: LobbyClient, media: LocalMedia) => {
      lobby.close();
      startMeeting(lobby.code, media);
    },
    [startMeeting],
  );

  const leaveLobby = useCallback(
    (lobby: LobbyClient, media: LocalMedia) => {
      lobby.leave();
      media.stop();
      prepared.discard();
      dispatch({ type: 'lobby-left' });
    },
    [prepared, dispatch],
  );

  /** An invite, without an account: a guest session, then the waiting room with the camera preview. */
  const startAsGuest = useCallback(
    (guest: GuestSession) => {
      const auth = createGuestAuthStore(guest);
      loadMeetingModule().then(
        ({ MeetingSignaling, LobbyClient }) => {
          const media = new LocalMedia();
          const lobby = new LobbyClient(new MeetingSignaling(serverUrl, auth), guest.code);
          dispatch({ type: 'guest-started', session: guest, auth, media, lobby });
          void media.start();
        },
        () => dispatch({ type: 'signed-out', notice: serverProblem('RELOAD_NEEDED') }),
      );
    },
    [serverUrl, dispatch],
  );

  // An invite (deep link, or the page's /j/CODE) opens as soon as the person is on Home.
  const { screen, pendingInvite } = state;
  useEffect(() => {
    if (screen.name !== 'home' || screen.busy || pendingInvite === null) return;
    dispatch({ type: 'invite-consumed' });
    void openMeeting(pendingInvite);
  }, [screen, pendingInvite, openMeeting, dispatch]);

  return { openMeeting, createMeeting, join, closePreJoin, admitted, leaveLobby, startAsGuest };
}

import { API_ROUTES, userMessage, type ErrorCode, type Meeting } from '@wava/protocol';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import { PreparedMeeting } from '../../src/renderer/app/preparedMeeting.js';
import { useAppSession } from '../../src/renderer/app/useAppSession.js';
import { useMeetingEntry } from '../../src/renderer/app/useMeetingEntry.js';
import type { Platform } from '../../src/renderer/platform/Platform.js';
import type { WebAuthStore } from '../../src/renderer/platform/webAuthStore.js';
import { browserProfile } from './support/browserProfile.js';
import { credentials } from './support/fakeAuthServer.js';

const SERVER = 'https://meet.example.com';
const CODE = 'abc-defg-hij';

/**
 * The meeting routes of the server, behind the page's fetch (the auth routes are the profile's fake server): each
 * code answers as set, an unknown one MEETING_NOT_FOUND; `hold` keeps the answers back until released.
 */
function meetingRoutes() {
  const requests: string[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  let held: Promise<void> | null = null;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    await held;
    const answer = answers.get(path);
    return answer ? json(answer.status, answer.body) : json(404, failure('MEETING_NOT_FOUND'));
  });
  const failure = (code: ErrorCode) => ({ error: { code, message: userMessage(code) } });
  return {
    requests,
    meeting: (code: string, meeting: Meeting) => answers.set(API_ROUTES.meeting(code), { status: 200, body: meeting }),
    refuse: (code: string, status: number, error: ErrorCode) =>
      answers.set(API_ROUTES.meeting(code), { status, body: failure(error) }),
    hold: () => {
      let release = () => {};
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
  };
}

const endedMeeting = (code: string): Meeting => ({
  code,
  title: 'Weekly',
  hostId: 'u2',
  hostDisplayName: 'Grace',
  createdAt: '2026-01-01T09:00:00.000Z',
  endedAt: '2026-01-01T10:00:00.000Z',
  inviteUrl: `${SERVER}/j/${code}`,
});

beforeAll(() => loadValidation());

describe('useMeetingEntry: from Home towards a meeting', () => {
  const openTabs: WebAuthStore[] = [];
  let routes: ReturnType<typeof meetingRoutes>;
  let sendInvite: (code: string) => void = () => undefined;
  beforeEach(() => {
    routes = meetingRoutes();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    for (const tab of openTabs.splice(0)) tab.dispose();
  });

  /** App's state and its ways into a meeting, as App composes them, for someone signed in and on Home. */
  async function onHome() {
    const profile = browserProfile();
    const auth = profile.openTab();
    openTabs.push(auth);
    await auth.login(credentials);
    const platform: Platform = {
      kind: 'web',
      serverUrl: () => Promise.resolve(SERVER),
      auth,
      onInvite: (listener) => {
        sendInvite = listener;
        return () => undefined;
      },
      onCommand: () => () => undefined,
      presenceChanged: () => undefined,
      notify: () => undefined,
    };
    const { result } = renderHook(() => {
      const prepared = useMemo(() => new PreparedMeeting(), []);
      const session = useAppSession(platform, prepared);
      const entry = useMeetingEntry({ platform, serverUrl: SERVER, session, prepared });
      return { state: session.state, entry };
    });
    await waitFor(() => expect(result.current.state.screen.name).toBe('home'));
    return result;
  }

  it('keeps Home, saying so, for a meeting that has ended: no pre-join opens', async () => {
    const app = await onHome();
    routes.meeting(CODE, endedMeeting(CODE));
    await act(() => app.current.entry.openMeeting(CODE));
    expect(app.current.state.screen).toMatchObject({
      name: 'home',
      busy: false,
      error: { type: 'server', code: 'MEETING_ENDED' },
    });
  });

  it('is busy while a meeting loads, and asks nothing more for a second Join or Create meanwhile', async () => {
    const app = await onHome();
    const release = routes.hold();
    let first: Promise<void> = Promise.resolve();
    act(() => {
      first = app.current.entry.openMeeting(CODE);
    });
    expect(app.current.state.screen).toMatchObject({ name: 'home', busy: true });
    await act(() => app.current.entry.openMeeting('xyz-abcd-efg'));
    await act(() => app.current.entry.createMeeting({ lobby: false }));
    expect(routes.requests).toEqual([`GET ${API_ROUTES.meeting(CODE)}`]);

    release();
    await act(() => first);
    expect(app.current.state.screen).toMatchObject({
      name: 'home',
      busy: false,
      error: { type: 'server', code: 'MEETING_NOT_FOUND' },
    });
    // Home takes the next request once the first was answered.
    await act(() => app.current.entry.openMeeting('xyz-abcd-efg'));
    expect(routes.requests).toHaveLength(2);
  });

  it('goes back to sign-in, saying why, when the server says the sign-in is over', async () => {
    const app = await onHome();
    routes.refuse(CODE, 401, 'TOKEN_INVALID');
    await act(() => app.current.entry.openMeeting(CODE));
    expect(app.current.state.screen).toEqual({ name: 'auth', notice: { type: 'server', code: 'TOKEN_INVALID' } });
  });

  it('opens an invite that arrives on Home at once, and only once', async () => {
    const app = await onHome();
    routes.meeting(CODE, endedMeeting(CODE));
    act(() => sendInvite(CODE));
    await waitFor(() => expect(app.current.state.screen).toMatchObject({ error: { code: 'MEETING_ENDED' } }));
    expect(app.current.state.pendingInvite).toBeNull();
    expect(routes.requests).toEqual([`GET ${API_ROUTES.meeting(CODE)}`]);
  });
});

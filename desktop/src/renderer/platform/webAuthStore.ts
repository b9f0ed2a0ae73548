import type { ApiClient, AuthSession } from '@wava/protocol';
import { apiError, endsSession, missingCaseError, type Result } from '@wava/protocol/plain';
import { consoleLogger, type Logger } from '../util/logger.js';
import type { AuthStore, SignedIn } from './Platform.js';
import { createRefreshTimer } from './refreshTimer.js';
import { fromNewerVersion } from './sessionFormat.js';
import type { SessionNews, SharedSessionArea } from './sharedSessionArea.js';
import { createStoredSession, NEWER, type HeldSession } from './storedSession.js';

/** The part of the Web Locks API (`navigator.locks`) the store uses: an exclusive lock per name, across tabs. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface WebAuthStoreOptions {
  api: ApiClient;
  /** Shared by every tab of the browser profile (IndexedDB); null keeps the session in this tab's memory only. */
  area: SharedSessionArea | null;
  /** One refresh at a time across tabs (Web Locks); null where the browser has none. */
  locks?: LockManagerLike | null;
  /** Refresh the access token this long before it expires. */
  refreshLeadMs?: number;
  /** Told of a stored session that could not be read (and was removed); the console unless given. */
  logger?: Logger;
}

export interface WebAuthStore extends AuthStore {
  updatedElsewhere(): boolean;
  /** Stops the background refresh timer and stops listening to other tabs. */
  dispose(): void;
}

/** The Web Lock every tab of the profile takes around a refresh, and around storing a sign-in or a sign-out. */
export const REFRESH_LOCK = 'wava.auth.refresh';

const unauthenticated = (): Result<AuthSession> => ({ ok: false, error: apiError('UNAUTHENTICATED') });

/**
 * Tokens for the web client, one sign-in per browser profile: the session lives in IndexedDB, shared by every
 * tab, so an invite link opened in a new tab is already signed in. Refresh tokens rotate and a reused
 * one revokes the whole sign-in, so a refresh (and storing a sign-in or sign-out) runs under a Web Lock shared by
 * the tabs; inside it the store reads the stored session again and adopts what another tab just got instead of
 * presenting a used token.
 * Other tabs hear of new tokens and sign-outs on a BroadcastChannel. The access token is refreshed a minute
 * before it expires (on a timer, tried again with backoff when it fails, and on demand) and when the server says it
 * expired (`accessToken(true)`).
 */
export function createWebAuthStore(options: WebAuthStoreOptions): WebAuthStore {
  const { api, area } = options;
  const logger = options.logger ?? consoleLogger;
  const locks = options.locks ?? null;
  const signedOutListeners = new Set<() => void>();
  const storage = area ? createStoredSession(area, logger) : null;
  let session: HeldSession | null = null;
  /** False when the shared area is missing or refused the last write: memory is then the only copy. */
  let persisted = area !== null;
  /**
   * Refresh tokens this tab has used, or another tab has (or may have) used since: presenting one would make the
   * server revoke the sign-in in every tab and device (REFRESH_REUSED). This tab never goes back to one (a late
   * read or message may still carry it), and signs out alone rather than present one.
   */
  const spent = new Set<string>();
  let inFlight: Promise<Result<AuthSession>> | null = null;
  /** The shared sign-in was last seen stored (or broadcast) by a newer version of the app (sessionFormat.ts). */
  let newerHolds = false;
  let disposed = false;
  /**
   * Set from a sign-out in this tab until no refresh that began before it can store a session any more (see logout):
   * meanwhile this tab adopts nothing from the shared area.
   */
  let leaving: Promise<void> | null = null;
  /** Aborted by a sign-out in this tab: a refresh whose answer was lost sends its token no more. */
  let stopRefreshes = new AbortController();

  /**
   * A failed timed refresh is tried again while `held` is still this tab's session: one ended or replaced meanwhile
   * has its own timer or none; one whose refresh token another tab has spent is never presented again.
   */
  const timer = createRefreshTimer({
    leadMs: options.refreshLeadMs,
    refresh: () => refresh(null),
    retries: (held) => !disposed && session === held && !spent.has(held.refreshToken),
  });
  const isFresh = timer.isFresh;

  /**
   * Takes `next` as this tab's session (from a sign-in, a refresh, or another tab), with its refresh timer. The
   * person this tab shows is signed out when the session goes, or when another tab signed in someone else; not
   * when this tab's own sign-in replaces a session it only heard of (`signingIn`).
   */
  function adopt(next: HeldSession | null, signingIn = false): void {
    const previous = session;
    session = next;
    if (next) timer.start(next);
    else timer.stop();
    if (!signingIn && previous && previous.user.id !== next?.user.id) {
      for (const listener of [...signedOutListeners]) listener();
    }
  }

  /** Stores `next` for the tabs (when they share one); `persisted` says whether that worked. */
  async function write(next: HeldSession | null): Promise<void> {
    if (storage) persisted = await storage.write(next);
  }

  /** What the tabs share (see StoredSession.read); null without a shared area. */
  const readStored = () => (storage ? storage.read() : Promise.resolve(null));

  /**
   * News from another tab: a value it stored (read it), or one it could not store (newer than what is stored, so
   * this tab goes by memory until storing works again). News this tab cannot read means the same, with a value it
   * cannot know: what it holds is kept while its access token lasts, but its refresh token is never presented.
   */
  function heard(news: SessionNews): void {
    switch (news.kind) {
      case 'stored':
        persisted = true;
        void load();
        return;
      case 'unstored':
        persisted = false;
        void adoptUnstored(news.value);
        return;
      case 'unreadable':
        superseded();
        return;
      default:
        throw missingCaseError(news);
    }
  }

  async function adoptUnstored(value: string | null): Promise<void> {
    newerHolds = value !== null && fromNewerVersion(value);
    const next = value === null || newerHolds || !storage ? null : await storage.parse(value);
    if (value !== null && !next) return superseded();
    // A message that arrives late may carry a session this tab has already moved past.
    if (next && spent.has(next.refreshToken)) return;
    if (next?.refreshToken !== session?.refreshToken) adopt(next);
  }

  /** Another tab holds a newer session than this one and than what is stored, which this tab could not read. */
  function superseded(): void {
    persisted = false;
    if (!session) return;
    spent.add(session.refreshToken);
    // No refresh on the timer: the other tab's next news (it refreshes at the same moment) may well be readable.
    timer.stop();
  }

  /**
   * The session as the tabs share it now: another tab may have refreshed it or signed out since. A session a newer
   * version stored is not this tab's to read, nor to remove: its tabs may well have spent this tab's refresh token,
   * so this tab goes on as after news it cannot read, and asks to sign in (in this tab alone) when it needs one.
   */
  async function load(): Promise<HeldSession | null> {
    if (!persisted || leaving) return session;
    const stored = await readStored();
    if (stored !== undefined) newerHolds = stored === NEWER;
    if (stored === NEWER) {
      logger.warn('the stored sign-in is from a newer version of Wava: reload the page to use it');
      superseded();
      return session;
    }
    if (stored === undefined || (stored && spent.has(stored.refreshToken))) return session;
    if (stored?.refreshToken !== session?.refreshToken) adopt(stored);
    return session;
  }

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => (locks ? locks.request(REFRESH_LOCK, work) : work());

  /**
   * One refresh at a time, in this tab (single flight) and across tabs (the lock). `stale` is an access token
   * the server refused: a stored session with another, fresh token is then used as it is.
   */
  function refresh(stale: string | null): Promise<Result<AuthSession>> {
    if (inFlight) return inFlight;
    inFlight = exclusive(async (): Promise<Result<AuthSession>> => {
      const latest = await load();
      if (!latest) return unauthenticated();
      if (latest.accessToken !== stale && isFresh(latest)) return { ok: true, data: latest };
      if (spent.has(latest.refreshToken)) {
        // Signed out in this tab only; the person signs in again here, and every other tab stays signed in.
        adopt(null);
        return unauthenticated();
      }
      const result = await api.refresh(latest.refreshToken, stopRefreshes.signal);
      if (result.ok && session === null) {
        // Not stored, nor kept: the person signed out (here or in another tab) while the answer was on its way. News
        // of a sign-out that comes after the answer finds the session removed all the same (logout, under the lock).
        spent.add(latest.refreshToken);
        spent.add(result.data.refreshToken);
        void api.logout(result.data.refreshToken);
        return unauthenticated();
      }
      if (result.ok) {
        spent.add(latest.refreshToken);
        const held = { ...result.data, receivedAt: Date.now() };
        await write(held);
        adopt(held);
      } else if (endsSession(result.error.code)) {
        await write(null);
        adopt(null);
      }
      return result;
    }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  const signedIn = async (result: Result<AuthSession>): Promise<Result<SignedIn>> => {
    if (!result.ok) return result;
    const held = { ...result.data, receivedAt: Date.now() };
    // Stored under the refresh lock, as every change of the session is: another tab's refresh that ends meanwhile
    // would otherwise store the older session over this one.
    await exclusive(async () => {
      await write(held);
      newerHolds = false;
      adopt(held, true);
    });
    return { ok: true, data: { user: result.data.user } };
  };

  const stopListening = area?.onChanged(heard) ?? null;

  return {
    async register(request) {
      return signedIn(await api.register(request));
    },
    async login(request) {
      return signedIn(await api.login(request));
    },
    async restore() {
      const known = await load();
      if (!known) return null;
      if (isFresh(known)) return { user: known.user };
      const result = await refresh(null);
      return result.ok ? { user: result.data.user } : null;
    },
    async accessToken(force = false) {
      // Memory is kept current by the other tabs' news; the shared copy is read when this one will not do.
      const known = !force && session && isFresh(session) ? session : await load();
      if (!known) return { ok: false, error: apiError('UNAUTHENTICATED') };
      if (!force && isFresh(known)) return { ok: true, data: known.accessToken };
      const result = await refresh(force ? known.accessToken : null);
      return result.ok ? { ok: true, data: result.data.accessToken } : result;
    },
    async logout() {
      // At once, without waiting for the refresh lock (another tab's refresh may hold it for as long as its server
      // takes to answer): this tab forgets the session, the shared copy is removed (the other tabs are told), and
      // the server is told in the background. The server revokes the whole sign-in, so a refresh that ends later
      // gets nothing usable; none stores its session once this tab's news reached its tab.
      const known = session ?? (persisted && !leaving ? await readStored() : null);
      session = null;
      newerHolds = false;
      timer.stop();
      stopRefreshes.abort();
      stopRefreshes = new AbortController();
      const held = known && known !== NEWER ? known : null;
      if (held) {
        spent.add(held.refreshToken);
        void api.logout(held.refreshToken);
      }
      const removed = write(null);
      // Then, under the lock, once every refresh that began before the sign-out has ended: one that stored its
      // session in the moment between its last look and the removal above has it removed (and revoked) too.
      const settled = exclusive(async () => {
        await removed;
        const stored = await readStored();
        if (stored === null) return;
        await write(null);
        if (stored && stored !== NEWER && !spent.has(stored.refreshToken)) void api.logout(stored.refreshToken);
      }).catch((error: unknown) => logger.warn('could not finish signing out in the shared storage', error));
      leaving = settled;
      void settled.finally(() => {
        if (leaving === settled) leaving = null;
      });
      await removed;
    },
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
    updatedElsewhere: () => newerHolds,
    dispose() {
      disposed = true;
      timer.stop();
      stopListening?.();
    },
  };
}

import type { ApiClient, AuthSession } from '@wava/protocol';
import { apiError, endsSession, type Result } from '@wava/protocol/plain';
import { loadValidation } from '../api/loadValidation.js';
import type { AuthStore, SignedIn } from './Platform.js';
import type { SharedSessionArea } from './sharedSessionArea.js';

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
}

export interface WebAuthStore extends AuthStore {
  /** Stops the background refresh timer and stops listening to other tabs. */
  dispose(): void;
}

/** The Web Lock every tab of the profile takes around a refresh. */
export const REFRESH_LOCK = 'wava.auth.refresh';
const DEFAULT_LEAD_MS = 60_000;

/** A session with the time this browser received it, so short-lived tokens are refreshed halfway through. */
type HeldSession = AuthSession & { receivedAt: number };

/**
 * A stored or posted session; null when empty or unreadable (tampered, or from another version). Its schema is
 * loaded only when there is one to read: someone who never signed in does not download zod for this.
 */
async function parseHeld(text: string | null): Promise<HeldSession | null> {
  if (!text) return null;
  try {
    const { heldSessionSchema } = await loadValidation();
    const parsed = heldSessionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const unauthenticated = (): Result<AuthSession> => ({ ok: false, error: apiError('UNAUTHENTICATED') });

/**
 * Tokens for the web client, one sign-in per browser profile: the session lives in IndexedDB, shared by every
 * tab, so an invite link opened in a new tab is already signed in. Refresh tokens rotate and a reused
 * one revokes the whole sign-in, so a refresh runs under a Web Lock shared by the tabs; inside it the store
 * reads the stored session again and adopts what another tab just got instead of presenting a used token.
 * Other tabs hear of new tokens and sign-outs on a BroadcastChannel. The access token is refreshed a minute
 * before it expires (on a timer, and on demand) and when the server says it expired (`accessToken(true)`).
 */
export function createWebAuthStore(options: WebAuthStoreOptions): WebAuthStore {
  const { api, area } = options;
  const locks = options.locks ?? null;
  const lead = options.refreshLeadMs ?? DEFAULT_LEAD_MS;
  const signedOutListeners = new Set<() => void>();
  let session: HeldSession | null = null;
  /** False when the shared area is missing or refused the last write: memory is then the only copy. */
  let persisted = area !== null;
  let inFlight: Promise<Result<AuthSession>> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  /** A minute before expiry, or halfway through the token's life when it lives less than two minutes. */
  const refreshAt = (held: HeldSession) =>
    held.accessTokenExpiresAt - Math.min(lead, (held.accessTokenExpiresAt - held.receivedAt) / 2);
  const isFresh = (held: HeldSession) => Date.now() < refreshAt(held);

  /**
   * Takes `next` as this tab's session (from a sign-in, a refresh, or another tab), with its refresh timer. The
   * person this tab shows is signed out when the session goes, or when another tab signed in someone else.
   */
  function adopt(next: HeldSession | null): void {
    const previous = session;
    session = next;
    clearTimer();
    if (next) {
      const delay = Math.max(0, refreshAt(next) - Date.now());
      timer = setTimeout(() => {
        timer = null;
        void refresh(null);
      }, delay);
    }
    if (previous && previous.user.id !== next?.user.id) {
      for (const listener of [...signedOutListeners]) listener();
    }
  }

  async function write(next: HeldSession | null): Promise<void> {
    if (!area) return;
    try {
      await area.write(next ? JSON.stringify(next) : null);
      persisted = true;
    } catch {
      // Storage can be unavailable (private mode, quota): the session then lives in this tab's memory only.
      persisted = false;
    }
  }

  /** What the tabs share; undefined when it cannot be read (this tab's memory is then the best copy). */
  async function readStored(): Promise<HeldSession | null | undefined> {
    let text: string | null;
    try {
      text = (await area?.read()) ?? null;
    } catch {
      return undefined;
    }
    return parseHeld(text);
  }

  /**
   * News from another tab: a value it could not store (`unstored`, newer than what is stored, so this tab goes by
   * memory until storing works again), or a value it stored (read it).
   */
  function heard(unstored: string | null | undefined): void {
    if (unstored === undefined) {
      persisted = true;
      void load();
      return;
    }
    persisted = false;
    void parseHeld(unstored).then((next) => {
      if (unstored !== null && !next) return;
      if (next?.refreshToken !== session?.refreshToken) adopt(next);
    });
  }

  /** The session as the tabs share it now: another tab may have refreshed it or signed out since. */
  async function load(): Promise<HeldSession | null> {
    if (!persisted) return session;
    const stored = await readStored();
    if (stored !== undefined && stored?.refreshToken !== session?.refreshToken) adopt(stored);
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
      const result = await api.refresh(latest.refreshToken);
      if (result.ok) {
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
    await write(held);
    adopt(held);
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
      const known = await load();
      session = null;
      clearTimer();
      await write(null);
      if (known) await api.logout(known.refreshToken);
    },
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
    dispose() {
      clearTimer();
      stopListening?.();
    },
  };
}

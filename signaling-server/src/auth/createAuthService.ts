import { createHmac, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { AuthSession, LoginRequest, RegisterRequest, SignInRevokedCode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import type { NewRefreshToken, Storage, UserRecord } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { Metrics } from '../observability/createMetrics.js';
import type { AccessTokens } from './createAccessTokens.js';
import type { PasswordHasher } from './createPasswordHasher.js';
import { createSignInLimiter, type SignInLimits } from './createSignInLimiter.js';
import { createSlidingWindowLimiter } from './createSlidingWindowLimiter.js';
import { hashToken } from './hashToken.js';
import type { SharedLimits } from './SharedLimits.js';
import { toPublicUser } from './toPublicUser.js';

/** (username, address) pairs remembered as having signed in: about 10 MB at most. */
const KNOWN_ADDRESSES_MAX = 100_000;
/**
 * Once an account's ceiling for unknown addresses is reached, each further unknown address still gets this many
 * attempts for it: the owner at a new address gets in, a campaign over many addresses stays slow.
 */
const PAST_CEILING_PER_USERNAME_AND_IP = Object.freeze({ max: 3, windowMs: 15 * 60_000 });
const GLOBAL_KEY = 'all';

/** Why a sign-in ended while connections of it were live: signed out, or its refresh token was replayed. */

/** Who an access token speaks for: the user, and the sign-in (refresh-token family) it was issued to. */
export interface Authenticated {
  user: UserRecord;
  sessionId: string;
}

export interface AuthService {
  register(request: RegisterRequest, ip: string): Promise<AuthSession>;
  login(request: LoginRequest, ip: string): Promise<AuthSession>;
  /** Rotates the refresh token: the presented one is spent, a new one comes back. */
  refresh(refreshToken: string): Promise<AuthSession>;
  /** Revokes the token's whole family. Unknown tokens are ignored: signing out always succeeds. */
  logout(refreshToken: string): Promise<void>;
  /**
   * The user and sign-in of an access token; UNAUTHENTICATED, TOKEN_EXPIRED or TOKEN_INVALID otherwise
   * (TOKEN_INVALID too for a deleted user or a sign-in that was revoked).
   */
  authenticate(accessToken: string | undefined): Promise<Authenticated>;
  /** Whether a sign-in is still signed in. */
  isSessionActive(sessionId: string): Promise<boolean>;
  /** A sign-in was revoked: the connections made with its access tokens must end. */
  onSessionRevoked(listener: (sessionId: string, code: SignInRevokedCode) => void): Unsubscribe;
}

export interface AuthServiceDeps {
  config: Config;
  storage: Storage;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  /** Secret key from which each refresh token's successor is derived (HMAC); never leaves the server. */
  refreshKey: KeyObject;
  /**
   * Several servers: limits shared by all of them (Redis). Absent: this process's own in-memory limits.
   */
  sharedLimits?: SharedLimits;
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { config, storage, hasher, accessTokens, metrics, logger, now, refreshKey } = deps;
  const sessionRevoked = createListeners<[sessionId: string, code: SignInRevokedCode]>();
  const signInLimits: SignInLimits = {
    perUsernameAndIp: config.limits.loginPerUsernameAndIp,
    perUsername: config.limits.loginPerUsername,
    pastCeilingPerUsernameAndIp: PAST_CEILING_PER_USERNAME_AND_IP,
    perIp: config.limits.loginPerIp,
    knownAddressMs: config.limits.loginKnownAddressMs,
    knownAddressesMax: KNOWN_ADDRESSES_MAX,
  };
  const shared = deps.sharedLimits;
  const signIns = shared?.signIns(signInLimits) ?? createSignInLimiter(signInLimits, now);
  const registerPerIp =
    shared?.window('register-ip', config.limits.registerPerIp) ??
    createSlidingWindowLimiter(config.limits.registerPerIp, now);
  const registerGlobal =
    shared?.window('register-all', config.limits.registerGlobal) ??
    createSlidingWindowLimiter(config.limits.registerGlobal, now);

  function fail(code: AppError['code'], retryAfterMs: number | null = null): never {
    metrics.authFailed(code);
    throw new AppError(code, retryAfterMs);
  }

  function sessionFor(user: UserRecord, familyId: string, refresh: FreshRefreshToken): AuthSession {
    const access = accessTokens.issue(user.id, familyId);
    return {
      user: toPublicUser(user),
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.record.expiresAt,
    };
  }

  /** A new sign-in: a new refresh token family. */
  async function newSession(user: UserRecord): Promise<AuthSession> {
    const refresh = freshRefreshToken(now(), config.refreshTokenTtlMs);
    const familyId = randomUUID();
    await storage.refreshTokens.insert({ ...refresh.record, familyId, userId: user.id, usedAt: null, revokedAt: null });
    return sessionFor(user, familyId, refresh);
  }

  return {
    onSessionRevoked: sessionRevoked.add,

    async register(request, ip) {
      const byIp = await registerPerIp.hit(ip);
      if (!byIp.allowed) fail('RATE_LIMITED', byIp.retryAfterMs);
      const overall = await registerGlobal.hit(GLOBAL_KEY);
      if (!overall.allowed) {
        void registerPerIp.release(ip);
        fail('RATE_LIMITED', overall.retryAfterMs);
      }
      if (await storage.users.findByUsername(request.username)) throw new AppError('USERNAME_TAKEN');
      const user: UserRecord = {
        id: randomUUID(),
        username: request.username,
        displayName: request.displayName,
        passwordHash: await hasher.hash(request.password),
        createdAt: now(),
      };
      if (!(await storage.users.create(user))) throw new AppError('USERNAME_TAKEN');
      logger.info({ userId: user.id }, 'account registered');
      return newSession(user);
    },

    async login(request, ip) {
      // Reserved before the slow hash: concurrent guesses cannot all slip past the limit.
      const attempt = await signIns.reserve(request.username, ip);
      if (!attempt.allowed) fail('RATE_LIMITED', attempt.retryAfterMs);
      const user = await storage.users.findByUsername(request.username);
      // Unknown usernames cost one scrypt too, against a dummy hash: same answer, same time.
      const stored = user?.passwordHash ?? (await hasher.dummyHash());
      const matches = await hasher.verify(request.password, stored);
      if (!user || !matches) fail('INVALID_CREDENTIALS');
      attempt.succeeded();
      if (hasher.needsRehash(user.passwordHash)) {
        await storage.users.updatePasswordHash(user.id, await hasher.hash(request.password));
      }
      logger.info({ userId: user.id }, 'signed in');
      return newSession(user);
    },

    async refresh(refreshToken) {
      const presentedHash = hashToken(refreshToken);
      // The successor is derived from the presented token, so a repeat within the grace period (a retried
      // request whose answer was lost, two tabs at once) asks for, and gets, the very same one.
      const next = successorOf(refreshToken, refreshKey, now(), config.refreshTokenTtlMs);
      const outcome = await storage.refreshTokens.rotate(presentedHash, next.record, now(), config.refreshGraceMs);
      switch (outcome.kind) {
        case 'rotated': {
          const user = await storage.users.findById(outcome.userId);
          if (!user) fail('TOKEN_INVALID');
          if (outcome.repeated) logger.info({ userId: user.id }, 'refresh repeated within the grace period');
          const record = { ...next.record, expiresAt: outcome.expiresAt };
          return sessionFor(user, outcome.familyId, { token: next.token, record });
        }
        case 'reused':
          logger.warn({ userId: outcome.userId }, 'refresh token reused: token family revoked');
          sessionRevoked.emit(outcome.familyId, 'REFRESH_REUSED');
          return fail('REFRESH_REUSED');
        case 'expired':
          return fail('TOKEN_EXPIRED');
        case 'revoked':
        case 'not-found':
          return fail('TOKEN_INVALID');
      }
    },

    async logout(refreshToken) {
      const familyId = await storage.refreshTokens.revokeFamilyOf(hashToken(refreshToken), now());
      if (familyId !== null) sessionRevoked.emit(familyId, 'TOKEN_INVALID');
    },

    async authenticate(accessToken) {
      if (!accessToken) fail('UNAUTHENTICATED');
      const check = accessTokens.verify(accessToken);
      if (!check.ok) fail(check.code);
      const user = await storage.users.findById(check.userId);
      if (!user || !(await storage.refreshTokens.isFamilyActive(check.sessionId))) fail('TOKEN_INVALID');
      return { user, sessionId: check.sessionId };
    },

    isSessionActive: (sessionId) => storage.refreshTokens.isFamilyActive(sessionId),
  };
}

interface FreshRefreshToken {
  token: string;
  record: NewRefreshToken;
}

function freshRefreshToken(createdAt: number, ttlMs: number): FreshRefreshToken {
  return refreshTokenOf(randomBytes(32).toString('base64url'), createdAt, ttlMs);
}

/** The one token that may replace `presented`: HMAC-SHA256 under the server's key, unguessable without it. */
function successorOf(presented: string, key: KeyObject, createdAt: number, ttlMs: number): FreshRefreshToken {
  const token = createHmac('sha256', key).update(`wava refresh successor\0${presented}`, 'utf8').digest('base64url');
  return refreshTokenOf(token, createdAt, ttlMs);
}

function refreshTokenOf(token: string, createdAt: number, ttlMs: number): FreshRefreshToken {
  return {
    token,
    record: { id: randomUUID(), tokenHash: hashToken(token), createdAt, expiresAt: createdAt + ttlMs },
  };
}

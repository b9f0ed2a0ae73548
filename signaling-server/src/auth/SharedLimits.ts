import type { WindowLimit } from '../config/Config.js';
import type { SignInAttempt, SignInLimits } from './createSignInLimiter.js';
import type { LimitCheck } from './createSlidingWindowLimiter.js';

/** A sliding-window limit every server of the deployment counts against (createRedisWindowLimiter). */
export interface SharedWindowLimiter {
  /** Records one event for `key` if it fits in the window, atomically across servers. */
  hit(key: string): Promise<LimitCheck>;
  /** Takes back the latest event of `key`; best effort, never rejects. */
  release(key: string): Promise<void>;
}

/** The sign-in limits of createSignInLimiter, shared by every server (createRedisSignInLimiter). */
export interface SharedSignInLimiter {
  reserve(username: string, ip: string): Promise<SignInAttempt>;
}

/**
 * Several servers: limits kept where every server counts (Redis), so that attempts spread over servers meet one
 * limit. Absent: each process keeps its own, in memory.
 */
export interface SharedLimits {
  signIns(limits: SignInLimits): SharedSignInLimiter;
  window(name: string, limit: WindowLimit): SharedWindowLimiter;
}

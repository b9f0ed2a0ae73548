import type { Logger } from 'pino';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuTokens } from './createSfuTokens.js';
import type { SfuMeetingState } from './SfuMeetingState.js';

/** A seat's refused token is checked with Janus at most once in this time (a client naming it again and again). */
const REFUSAL_CHECK_EVERY_MS = 5_000;

/** A token Janus refused a seat (`sfu:credentials` with `refused`): checked, and replaced when Janus lost it. */
export interface SfuRefusals {
  /**
   * Whether Janus lost the seat's own live token `refused` (restarted between two of our keepalives, or an
   * operator removed it). Asked outside the meeting's queue, and at most once per seat in
   * REFUSAL_CHECK_EVERY_MS: a client naming its token again and again neither loads Janus nor holds up the
   * meeting's other changes (a removed person's token being revoked).
   */
  lostToken(meetingId: string, state: SfuMeetingState, peerId: string, refused: string): Promise<boolean>;
  /**
   * Janus lost a seat's live token (see lostToken): the token is revoked everywhere and the seat, still ready,
   * gets a new one. A token Janus still takes changes nothing, so a client cannot make the server churn tokens.
   */
  renew(meetingId: string, state: SfuMeetingState, peerId: string, refused: string): Promise<void>;
}

export function createSfuRefusals(deps: {
  instanceAt(url: string | null): JanusInstance | null;
  tokens: Pick<SfuTokens, 'revoke'>;
  /** Catches up with the meeting's placement in the store (SfuSync.sync). */
  sync(meetingId: string, state: SfuMeetingState): Promise<unknown>;
  logger: Logger;
  /** This server's clock. */
  now: () => number;
}): SfuRefusals {
  const { logger, now } = deps;
  return {
    async lostToken(meetingId, state, peerId, refused) {
      if (state.tokens.get(peerId) !== refused || state.placement.mode !== 'sfu') return false;
      const last = state.refusals.get(peerId);
      if (last !== undefined && now() - last < REFUSAL_CHECK_EVERY_MS) return false;
      const instance = deps.instanceAt(state.placement.instance);
      if (!instance?.isUp()) return false;
      state.refusals.set(peerId, Infinity);
      try {
        return !(await instance.hasToken(refused));
      } catch (error) {
        logger.warn({ err: error, meetingId }, 'could not check a refused SFU token');
        return false;
      } finally {
        if (state.refusals.has(peerId)) state.refusals.set(peerId, now());
      }
    },
    async renew(meetingId, state, peerId, refused) {
      if (state.tokens.get(peerId) !== refused || state.placement.mode !== 'sfu') return;
      logger.warn({ meetingId, peerId }, 'the SFU refused a live token: issuing a new one');
      await deps.tokens.revoke(meetingId, state, [peerId]);
      await deps.sync(meetingId, state);
    },
  };
}

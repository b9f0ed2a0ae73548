/*
 * The lifecycle of one CallLink (one logical media connection to one participant), as a pure
 * transition function. CallLink owns the side effects (calls, timers); this file owns the states.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> connecting
 *   connecting --> connected: ice-connected
 *   connecting --> reconnecting: interrupted / dropped / call-failed (a retry can fix it)
 *   connected --> reconnecting: interrupted / dropped / call-failed / placed (a newer call)
 *   reconnecting --> connected: ice-connected
 *   connecting --> failed: gave-up / call-failed (relay refused)
 *   reconnecting --> failed: gave-up / call-failed (relay refused)
 *   connected --> failed: call-failed (relay refused)
 *   failed --> connected: ice-connected
 *   failed --> failed: placed / dropped / call-failed / gave-up (re-dialling goes on)
 *   connecting --> closed: closed
 *   connected --> closed: closed
 *   reconnecting --> closed: closed
 *   failed --> closed: closed
 *   closed --> [*]
 * ```
 */
import { missingCaseError } from '../../shared/missingCaseError.js';
import type { ConnectionState } from './callState.js';
import { retryCanFix, type MediaFailure } from './mediaFailure.js';

/**
 * `failure` in a state where media is down: why the last call failed, shown if Wava gives up before
 * media flows. In `failed`, `shown` is what the tile says and `latest` what the next give-up will say.
 */
export type CallLinkState =
  | { name: 'connecting'; failure: MediaFailure | null }
  | { name: 'connected' }
  | { name: 'reconnecting'; failure: MediaFailure | null }
  | { name: 'failed'; shown: MediaFailure; latest: MediaFailure }
  | { name: 'closed' };

export type CallLinkEvent =
  /** A new call now carries the link (placed by us, or answered). */
  | { type: 'placed' }
  | { type: 'ice-connected' }
  /** ICE lost its path for now; the browser may recover it without a new call. */
  | { type: 'interrupted' }
  /** The call closed (either side). */
  | { type: 'dropped' }
  /** The call could not connect, or broke: it is dropped too. */
  | { type: 'call-failed'; failure: MediaFailure }
  /** Media stayed down too long, or the reconnect policy stopped. */
  | { type: 'gave-up' }
  /** The participant left, or we did. */
  | { type: 'closed' };

export const INITIAL_CALL_LINK_STATE: CallLinkState = { name: 'connecting', failure: null };

/** Media is down: why, so far. */
function downFailure(state: CallLinkState): MediaFailure | null {
  return state.name === 'connecting' || state.name === 'reconnecting' ? state.failure : null;
}

export function nextCallLinkState(state: CallLinkState, event: CallLinkEvent): CallLinkState {
  if (state.name === 'closed') return state;
  switch (event.type) {
    case 'placed':
      return state.name === 'connected' ? { name: 'reconnecting', failure: null } : state;
    case 'ice-connected':
      return { name: 'connected' };
    case 'interrupted':
    case 'dropped':
      return state.name === 'failed' ? state : { name: 'reconnecting', failure: downFailure(state) };
    case 'call-failed': {
      const failure = event.failure;
      if (!retryCanFix(failure)) return { name: 'failed', shown: failure, latest: failure };
      return state.name === 'failed' ? { ...state, latest: failure } : { name: 'reconnecting', failure };
    }
    case 'gave-up': {
      if (state.name === 'connected') return state;
      const failure = state.name === 'failed' ? state.latest : (downFailure(state) ?? 'timeout');
      return { name: 'failed', shown: failure, latest: failure };
    }
    case 'closed':
      return { name: 'closed' };
    default:
      throw missingCaseError(event);
  }
}

/** What the participant's tile shows for a link in this state; null once the link is closed. */
export function connectionOf(state: CallLinkState): { state: ConnectionState; failure: MediaFailure | null } | null {
  switch (state.name) {
    case 'connecting':
    case 'connected':
    case 'reconnecting':
      return { state: state.name, failure: null };
    case 'failed':
      return { state: 'failed', failure: state.shown };
    case 'closed':
      return null;
    default:
      throw missingCaseError(state);
  }
}

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
 *   failed --> failed: placed / interrupted / dropped / call-failed / gave-up (re-dialling goes on)
 *   connecting --> closed: closed
 *   connected --> closed: closed
 *   reconnecting --> closed: closed
 *   failed --> closed: closed
 *   closed --> [*]
 * ```
 */
import { missingCaseError } from '@wava/protocol';
import { retryCanFix, type MediaFailure } from './mediaFailure.js';

/**
 * `failure`: why the last call failed (null once media flowed), shown if Wava gives up before media
 * flows again. In `failed`, `shown` is the reason the tile gives.
 */
export type CallLinkState =
  | { name: 'connecting' | 'connected' | 'reconnecting'; failure: MediaFailure | null }
  | { name: 'failed'; failure: MediaFailure; shown: MediaFailure }
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

export function nextCallLinkState(state: CallLinkState, event: CallLinkEvent): CallLinkState {
  if (state.name === 'closed') return state;
  switch (event.type) {
    case 'placed':
      return state.name === 'connected' ? { name: 'reconnecting', failure: null } : state;
    case 'ice-connected':
      return { name: 'connected', failure: null };
    case 'interrupted':
    case 'dropped':
      return state.name === 'failed' ? state : { name: 'reconnecting', failure: state.failure };
    case 'call-failed': {
      const failure = event.failure;
      if (!retryCanFix(failure)) return { name: 'failed', failure, shown: failure };
      return state.name === 'failed' ? { ...state, failure } : { name: 'reconnecting', failure };
    }
    case 'gave-up': {
      if (state.name === 'connected') return state;
      const failure = state.failure ?? 'timeout';
      return { name: 'failed', failure, shown: failure };
    }
    case 'closed':
      return { name: 'closed' };
    default:
      throw missingCaseError(event);
  }
}

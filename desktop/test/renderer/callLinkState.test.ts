import { describe, expect, it } from 'vitest';
import {
  INITIAL_CALL_LINK_STATE,
  nextCallLinkState,
  type CallLinkEvent,
  type CallLinkState,
} from '../../src/renderer/call/callLinkState.js';

const connecting: CallLinkState = INITIAL_CALL_LINK_STATE;
const connected: CallLinkState = { name: 'connected', failure: null };
const reconnecting: CallLinkState = { name: 'reconnecting', failure: null };
const reconnectingAfterIce: CallLinkState = { name: 'reconnecting', failure: 'ice-failed' };
const timedOut: CallLinkState = { name: 'failed', failure: 'timeout', shown: 'timeout' };
const closed: CallLinkState = { name: 'closed' };

describe('the states of one call link', () => {
  it.each<[string, CallLinkState, CallLinkEvent, CallLinkState]>([
    ['the first call is placed', connecting, { type: 'placed' }, connecting],
    ['media flows', connecting, { type: 'ice-connected' }, connected],
    ['a first call that breaks is re-dialled', connecting, { type: 'dropped' }, reconnecting],
    ['ICE drops a flowing call for a moment', connected, { type: 'interrupted' }, reconnecting],
    ['the other side re-dials while media flowed', connected, { type: 'placed' }, reconnecting],
    ['a call that closes', connected, { type: 'dropped' }, reconnecting],
    [
      'a call that fails in a way a retry can fix',
      connected,
      { type: 'call-failed', failure: 'ice-failed' },
      reconnectingAfterIce,
    ],
    ['the reason is kept while the retries go on', reconnectingAfterIce, { type: 'placed' }, reconnectingAfterIce],
    [
      'giving up shows the last reason',
      reconnectingAfterIce,
      { type: 'gave-up' },
      { name: 'failed', failure: 'ice-failed', shown: 'ice-failed' },
    ],
    ['giving up without a reason says timeout', reconnecting, { type: 'gave-up' }, timedOut],
    ['a give-up while media flows changes nothing', connected, { type: 'gave-up' }, connected],
    [
      'a relay refusing our credentials fails at once',
      connecting,
      { type: 'call-failed', failure: 'relay-refused' },
      { name: 'failed', failure: 'relay-refused', shown: 'relay-refused' },
    ],
    ['failed stays failed while re-dialling', timedOut, { type: 'placed' }, timedOut],
    ['failed stays failed when a retry drops', timedOut, { type: 'dropped' }, timedOut],
    [
      'a new reason while failed waits for the next give-up',
      timedOut,
      { type: 'call-failed', failure: 'no-route' },
      { name: 'failed', failure: 'no-route', shown: 'timeout' },
    ],
    [
      'the next give-up shows it',
      { name: 'failed', failure: 'no-route', shown: 'timeout' },
      { type: 'gave-up' },
      { name: 'failed', failure: 'no-route', shown: 'no-route' },
    ],
    ['media flows again after failing', timedOut, { type: 'ice-connected' }, connected],
    ['the participant leaves', reconnecting, { type: 'closed' }, closed],
    ['nothing reopens a closed link', closed, { type: 'ice-connected' }, closed],
  ])('%s', (_, from, event, to) => {
    expect(nextCallLinkState(from, event)).toEqual(to);
  });
});

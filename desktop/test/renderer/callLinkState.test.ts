import { describe, expect, it } from 'vitest';
import {
  connectionOf,
  INITIAL_CALL_LINK_STATE,
  nextCallLinkState,
  type CallLinkEvent,
  type CallLinkState,
} from '../../src/renderer/call/callLinkState.js';

const connecting: CallLinkState = INITIAL_CALL_LINK_STATE;
const connected: CallLinkState = { name: 'connected' };
const reconnecting: CallLinkState = { name: 'reconnecting', failure: null };
const reconnectingAfterIce: CallLinkState = { name: 'reconnecting', failure: 'ice-failed' };
const timedOut: CallLinkState = { name: 'failed', shown: 'timeout', latest: 'timeout' };
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
      { name: 'failed', shown: 'ice-failed', latest: 'ice-failed' },
    ],
    ['giving up without a reason says timeout', reconnecting, { type: 'gave-up' }, timedOut],
    ['a give-up while media flows changes nothing', connected, { type: 'gave-up' }, connected],
    [
      'a relay refusing our credentials fails at once',
      connecting,
      { type: 'call-failed', failure: 'relay-refused' },
      { name: 'failed', shown: 'relay-refused', latest: 'relay-refused' },
    ],
    ['failed stays failed while re-dialling', timedOut, { type: 'placed' }, timedOut],
    ['failed stays failed when a retry drops', timedOut, { type: 'dropped' }, timedOut],
    [
      'a new reason while failed waits for the next give-up',
      timedOut,
      { type: 'call-failed', failure: 'no-route' },
      { name: 'failed', shown: 'timeout', latest: 'no-route' },
    ],
    [
      'the next give-up shows it',
      { name: 'failed', shown: 'timeout', latest: 'no-route' },
      { type: 'gave-up' },
      { name: 'failed', shown: 'no-route', latest: 'no-route' },
    ],
    ['media flows again after failing', timedOut, { type: 'ice-connected' }, connected],
    ['the participant leaves', reconnecting, { type: 'closed' }, closed],
    ['nothing reopens a closed link', closed, { type: 'ice-connected' }, closed],
  ])('%s', (_, from, event, to) => {
    expect(nextCallLinkState(from, event)).toEqual(to);
  });

  it.each<[CallLinkState, ReturnType<typeof connectionOf>]>([
    [connecting, { state: 'connecting', failure: null }],
    [reconnectingAfterIce, { state: 'reconnecting', failure: null }],
    [connected, { state: 'connected', failure: null }],
    [
      { name: 'failed', shown: 'timeout', latest: 'no-route' },
      { state: 'failed', failure: 'timeout' },
    ],
    [closed, null],
  ])('the tile of a link in %o shows %o', (state, shown) => {
    expect(connectionOf(state)).toEqual(shown);
  });
});

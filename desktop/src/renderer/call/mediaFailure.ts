import { missingCaseError } from '@wava/protocol';
import { i18n } from '../i18n/i18n.js';

/**
 * Why media to a participant did not connect. `relay-refused`: the TURN server rejected the
 * credentials (ICE candidate error 401/403); `no-route`: nothing could be gathered or checked;
 * `timeout`: no connection within the allowed time; `ice-failed`: the browser gave up.
 */
export type MediaFailure = 'relay-refused' | 'no-route' | 'timeout' | 'ice-failed';

/** The sentence on a participant's tile and in the media-error area. */
export function mediaFailureMessage(displayName: string, failure: MediaFailure): string {
  switch (failure) {
    case 'relay-refused':
      return i18n.t('call.mediaRelayRefused', { name: displayName });
    case 'no-route':
    case 'timeout':
    case 'ice-failed':
      return i18n.t('call.mediaBlocked', { name: displayName });
    default:
      throw missingCaseError(failure);
  }
}

/**
 * Whether placing the call again can fix this by itself: a network that drops or blocks media may
 * come back, but a relay that refuses our credentials will refuse the same ones again.
 */
export function retryCanFix(failure: MediaFailure): boolean {
  switch (failure) {
    case 'relay-refused':
      return false;
    case 'no-route':
    case 'timeout':
    case 'ice-failed':
      return true;
    default:
      throw missingCaseError(failure);
  }
}

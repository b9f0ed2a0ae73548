import { missingCaseError, userMessage } from '@wava/protocol';
import type { PeerErrorType } from 'peerjs';

export type PeerErrorKind = `${PeerErrorType}`;

const KINDS: readonly PeerErrorKind[] = [
  'browser-incompatible',
  'disconnected',
  'invalid-id',
  'invalid-key',
  'network',
  'peer-unavailable',
  'ssl-unavailable',
  'server-error',
  'socket-error',
  'socket-closed',
  'unavailable-id',
  'webrtc',
];

export function isPeerErrorKind(value: unknown): value is PeerErrorKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** The sentence a person sees for a PeerJS error. Unknown types get a generic sentence. */
export function peerErrorMessage(type: unknown): string {
  if (!isPeerErrorKind(type)) return 'Something went wrong with the call. If it does not recover, leave and rejoin.';
  switch (type) {
    case 'browser-incompatible':
      return 'This browser cannot make calls. Please use a current Chrome, Edge, Firefox or Safari, or the Wava app.';
    case 'disconnected':
    case 'network':
    case 'socket-error':
    case 'socket-closed':
      return 'The connection to the call server was lost. Wava is reconnecting.';
    case 'server-error':
      return 'Cannot reach the call server. Check your connection; Wava keeps trying.';
    case 'invalid-id':
      // The same refusal our server reports for a peer id it will not accept.
      return userMessage('PEER_ID_REJECTED');
    case 'invalid-key':
    case 'ssl-unavailable':
      return 'The call service of this server is misconfigured. Please tell your administrator.';
    case 'peer-unavailable':
      return 'A participant could not be reached. They may have just left.';
    case 'unavailable-id':
      return 'Your media connection is still in use, perhaps in another window. Wava will try again.';
    case 'webrtc':
      return 'Your browser reported a media error. If video stops, leave and rejoin the meeting.';
    default:
      throw missingCaseError(type);
  }
}

/**
 * How the call core answers a PeerJS error: `show` the sentence (this Peer cannot go on), `reconnect`
 * to the PeerJS server (a banner says so meanwhile), or only `log` it (tiles already show per-participant
 * trouble; these alone say nothing a person can act on).
 */
export type PeerErrorResponse = 'show' | 'reconnect' | 'log';

export function peerErrorResponse(type: PeerErrorKind): PeerErrorResponse {
  switch (type) {
    case 'browser-incompatible':
    case 'invalid-id':
    case 'invalid-key':
    case 'ssl-unavailable':
      return 'show';
    case 'disconnected':
    case 'network':
    case 'socket-error':
    case 'socket-closed':
    case 'server-error':
    case 'unavailable-id':
      return 'reconnect';
    case 'peer-unavailable':
    case 'webrtc':
      return 'log';
    default:
      throw missingCaseError(type);
  }
}

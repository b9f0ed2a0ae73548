import { missingCaseError } from '@wava/protocol/plain';
import type { PeerErrorType } from 'peerjs';
import { errorSentence } from '../i18n/errorSentence.js';
import { i18n } from '../i18n/i18n.js';

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
  if (!isPeerErrorKind(type)) return i18n.t('call.peer.unknown');
  switch (type) {
    case 'browser-incompatible':
      return i18n.t('call.peer.browserIncompatible');
    case 'disconnected':
    case 'network':
    case 'socket-error':
    case 'socket-closed':
      return i18n.t('call.peer.disconnected');
    case 'server-error':
      return i18n.t('call.peer.serverError');
    case 'invalid-id':
      // The same refusal our server reports for a peer id it will not accept.
      return errorSentence('PEER_ID_REJECTED');
    case 'invalid-key':
    case 'ssl-unavailable':
      return i18n.t('call.peer.misconfigured');
    case 'peer-unavailable':
      return i18n.t('call.peer.peerUnavailable');
    case 'unavailable-id':
      return i18n.t('call.peer.idInUse');
    case 'webrtc':
      return i18n.t('call.peer.webrtc');
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

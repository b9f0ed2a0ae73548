import { PeerErrorType } from 'peerjs';
import { describe, expect, it } from 'vitest';
import { isPeerErrorKind, peerErrorMessage, peerErrorResponse } from '../../src/renderer/call/peerErrorMessage.js';

const GENERIC = peerErrorMessage('not-a-peerjs-error');

describe('peerErrorMessage', () => {
  const types = Object.values(PeerErrorType);

  it('knows every error type of the PeerJS version installed', () => {
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(isPeerErrorKind(type), type).toBe(true);
  });

  it.each(types)('%s gets its own sentence, not the generic one', (type) => {
    const sentence = peerErrorMessage(type);
    expect(sentence).not.toBe(GENERIC);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(sentence).not.toMatch(/peer|undefined|error:/i);
  });

  it.each([undefined, null, 42, 'Network', ''])('%s gets the generic sentence', (type) => {
    expect(peerErrorMessage(type)).toBe(GENERIC);
  });

  it.each([
    ['invalid-key', 'show'],
    ['browser-incompatible', 'show'],
    ['network', 'reconnect'],
    ['socket-closed', 'reconnect'],
    ['unavailable-id', 'reconnect'],
    ['peer-unavailable', 'log'],
    ['webrtc', 'log'],
  ] as const)('%s: %s', (type, response) => {
    expect(peerErrorResponse(type)).toBe(response);
  });

  it.each(types)('%s has a response', (type) => {
    expect(['show', 'reconnect', 'log']).toContain(peerErrorResponse(type));
  });
});

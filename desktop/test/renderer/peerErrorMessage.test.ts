import { PeerErrorType } from 'peerjs';
import { describe, expect, it } from 'vitest';
import { isFatalPeerError, isPeerErrorKind, peerErrorMessage } from '../../src/renderer/call/peerErrorMessage.js';

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
    ['invalid-key', true],
    ['browser-incompatible', true],
    ['network', false],
    ['socket-closed', false],
    ['unavailable-id', false],
    ['peer-unavailable', false],
  ] as const)('%s fatal: %s', (type, fatal) => {
    expect(isFatalPeerError(type)).toBe(fatal);
  });
});

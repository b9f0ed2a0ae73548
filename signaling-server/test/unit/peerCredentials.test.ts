import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPeerCredentials } from '../../src/peer/createPeerCredentials.js';
import { createTestClock } from '../support/testClock.js';

const PEERJS_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;

function setup(key = createSecretKey(randomBytes(32))) {
  const clock = createTestClock(1_000_000);
  const issuer = createPeerCredentials({ key, ttlMs: 60_000, maxAgeMs: 3_600_000, now: clock.now });
  return { clock, issuer, key };
}

describe('createPeerCredentials', () => {
  it('issues PeerJS-valid ids tagged by meeting, and tokens that verify for their id only', () => {
    const { issuer } = setup();
    const id = issuer.newPeerId('meeting-1');
    expect(id).toMatch(PEERJS_ID);
    expect(issuer.meetingTagOf(id)).toBe(issuer.meetingTagOf(issuer.newPeerId('meeting-1')));
    expect(issuer.meetingTagOf(id)).not.toBe(issuer.meetingTagOf(issuer.newPeerId('meeting-2')));
    const { token } = issuer.issue(id, 'user-1', 'meeting-1', 'seat-1');
    expect(issuer.verify(id, token)).toEqual({
      ok: true,
      userId: 'user-1',
      meetingId: 'meeting-1',
      issuedAt: 1_000_000,
      seat: 'seat-1',
    });
    expect(issuer.verify(issuer.newPeerId('meeting-1'), token)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('issues ids that sort newer-first within a meeting (the newcomer places the calls), still random, same format', () => {
    const { issuer, clock } = setup();
    const earlier = issuer.newPeerId('m');
    clock.advance(1);
    const later = issuer.newPeerId('m');
    clock.advance(3_600_000);
    const latest = issuer.newPeerId('m');
    for (const id of [earlier, later, latest]) expect(id).toMatch(/^[0-9a-f]{12}-[0-9a-f]{20}$/);
    expect([earlier, latest, later].sort()).toEqual([latest, later, earlier]);
    // Issued in the same millisecond: the same time prefix, then different random parts.
    const sameTime = Array.from({ length: 50 }, () => issuer.newPeerId('m'));
    expect(new Set(sameTime.map((id) => id.slice(0, 24)))).toEqual(new Set([latest.slice(0, 24)]));
    expect(new Set(sameTime.map((id) => id.slice(24))).size).toBe(50);
    // Each id still verifies only with its own token.
    const { token } = issuer.issue(later, 'u', 'm', 's');
    expect(issuer.verify(later, token).ok).toBe(true);
    expect(issuer.verify(earlier, token)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('expires tokens, but accepts them for resume until the maximum age', () => {
    const { issuer, clock } = setup();
    const id = issuer.newPeerId('m');
    const { token } = issuer.issue(id, 'u', 'm', 's');
    clock.advance(60_000);
    expect(issuer.verify(id, token)).toMatchObject({ ok: false, reason: 'expired' });
    expect(issuer.verify(id, token, { resume: true }).ok).toBe(true);
    clock.advance(3_600_000);
    expect(issuer.verify(id, token, { resume: true })).toMatchObject({ ok: false, reason: 'too-old' });
  });

  it('refuses tokens from another secret, tampered payloads and junk', () => {
    const a = setup();
    const b = setup();
    const id = a.issuer.newPeerId('m');
    const { token } = a.issuer.issue(id, 'u', 'm', 's');
    expect(b.issuer.verify(id, token).ok).toBe(false);
    const [, mac] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ u: 'other', m: 'm', iat: 1_000_000, exp: 9e15 })).toString('base64url')}.${mac}`;
    expect(a.issuer.verify(id, tampered)).toMatchObject({ ok: false, reason: 'bad-signature' });
    for (const junk of ['', '.', 'a.b.c', `${'x'.repeat(5000)}.y`, token.replace('.', '')]) {
      expect(a.issuer.verify(id, junk).ok).toBe(false);
    }
    for (const junkId of ['', 'peerjs', `${id}x`, id.toUpperCase()])
      expect(a.issuer.verify(junkId, token).ok).toBe(false);
  });

  it('derives the same PeerJS key from the same secret (stable across restarts)', () => {
    const key = createSecretKey(randomBytes(32));
    expect(setup(key).issuer.key).toBe(setup(key).issuer.key);
    expect(setup().issuer.key).not.toBe(setup(key).issuer.key);
  });
});

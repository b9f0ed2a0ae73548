import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../src/auth/createPasswordHasher.js';

describe('createPasswordHasher', () => {
  const hasher = createPasswordHasher(10);

  it('stores the parameters with a salted hash and verifies only the right password', async () => {
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[^$]+\$[^$]+$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse', a)).toBe(true);
    expect(await hasher.verify('correct horsf', a)).toBe(false);
    expect(await hasher.verify('', a)).toBe(false);
  });

  it('verifies hashes made with other parameters, and says they need rehashing', async () => {
    const old = await createPasswordHasher(11).hash('pw-12345678');
    expect(await hasher.verify('pw-12345678', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
  });

  it('treats malformed or dangerous stored hashes as a mismatch, never a crash', async () => {
    for (const stored of [
      '',
      'plaintext',
      'bcrypt$10$abc',
      'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$1073741824$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$1024$8$1$$',
      'scrypt$1024$999$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
    ]) {
      await expect(hasher.verify('anything', stored), stored).resolves.toBe(false);
    }
  });

  it('has a dummy hash with the current parameters for unknown usernames', async () => {
    const dummy = await hasher.dummyHash();
    expect(hasher.needsRehash(dummy)).toBe(false);
    expect(await hasher.dummyHash()).toBe(dummy);
  });
});

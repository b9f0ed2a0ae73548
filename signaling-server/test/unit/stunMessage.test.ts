import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStunRateLimiter } from '../../src/stun/createStunRateLimiter.js';
import { addressBytes, encodeBindingSuccess, parseBindingRequest } from '../../src/stun/stunMessage.js';
import { FUZZ_SEED } from '../support/hostileInput.js';
import { createTestClock } from '../support/testClock.js';

const hex = (text: string) =>
  Uint8Array.from(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((byte) => parseInt(byte, 16)),
  );
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

// RFC 5769 (test vectors for STUN), sections 2.2 and 2.3: the transaction id and XOR-MAPPED-ADDRESS values.
const RFC5769_TRANSACTION = hex('b7 e7 a7 01 bc 34 d6 86 fa 87 df ae');

function request(
  attributes = new Uint8Array(0),
  overrides: Partial<{ type: number; cookie: number; length: number }> = {},
) {
  const packet = new Uint8Array(20 + attributes.length);
  const view = new DataView(packet.buffer);
  view.setUint16(0, overrides.type ?? 0x0001);
  view.setUint16(2, overrides.length ?? attributes.length);
  view.setUint32(4, overrides.cookie ?? 0x2112a442);
  packet.set(RFC5769_TRANSACTION, 8);
  packet.set(attributes, 20);
  return packet;
}

describe('encodeBindingSuccess', () => {
  it('encodes XOR-MAPPED-ADDRESS exactly as RFC 5769 does for IPv4 (192.0.2.1:32853)', () => {
    const response = encodeBindingSuccess(RFC5769_TRANSACTION, addressBytes('192.0.2.1')!, 32853);
    expect(toHex(response)).toBe(
      `01 01 00 0c 21 12 a4 42 ${toHex(RFC5769_TRANSACTION)} 00 20 00 08 00 01 a1 47 e1 12 a6 43`,
    );
  });

  it('encodes XOR-MAPPED-ADDRESS exactly as RFC 5769 does for IPv6', () => {
    const response = encodeBindingSuccess(
      RFC5769_TRANSACTION,
      addressBytes('2001:db8:1234:5678:11:2233:4455:6677')!,
      32853,
    );
    expect(toHex(response.subarray(20))).toBe(
      '00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9',
    );
    expect(new DataView(response.buffer).getUint16(2)).toBe(24);
  });

  it('answers an IPv4-mapped IPv6 sender (a dual-stack socket) with its IPv4 address', () => {
    expect(addressBytes('::ffff:192.0.2.1')).toEqual(Uint8Array.from([192, 0, 2, 1]));
  });
});

describe('addressBytes', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['::1', [...Array<number>(15).fill(0), 1]],
    ['fe80::1%eth0', [0xfe, 0x80, ...Array<number>(13).fill(0), 1]],
    ['256.0.0.1', null],
    ['1.2.3', null],
    ['1::2::3', null],
    ['not an address', null],
  ])('%s', (text, expected) => {
    const bytes = addressBytes(text);
    expect(bytes === null ? null : [...bytes]).toEqual(expected);
  });
});

describe('parseBindingRequest', () => {
  const software = hex('80 22 00 05 77 61 76 61 21 00 00 00'); // SOFTWARE "wava!" padded to 8 bytes
  it.each([
    ['a bare Binding request (what browsers send a STUN server)', request(), true],
    ['a request with padded attributes', request(software), true],
    ['a Binding indication', request(undefined, { type: 0x0011 }), false],
    ['a Binding success response', request(undefined, { type: 0x0101 }), false],
    ['an RFC 3489 request without the magic cookie', request(undefined, { cookie: 0 }), false],
    ['a length that is not a multiple of 4', request(undefined, { length: 2 }), false],
    ['a length longer than the datagram', request(software, { length: 16 }), false],
    ['an attribute running past the end', request(hex('80 22 00 09 61 62 63 64 65 66 67 68')), false],
    ['a truncated attribute header', request(hex('80 22 00 00').subarray(0, 4), { length: 4 }).subarray(0, 22), false],
    ['a short datagram', request().subarray(0, 19), false],
    ['an empty datagram', new Uint8Array(0), false],
    ['a datagram larger than any Binding request', request(new Uint8Array(2000)), false],
  ])('%s', (_name, packet, accepted) => {
    const id = parseBindingRequest(packet);
    expect(id === null ? null : toHex(id)).toBe(accepted ? toHex(RFC5769_TRANSACTION) : null);
  });

  it('never throws on arbitrary bytes, and accepts only what it can answer in at most 44 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), fc.boolean(), (bytes, stunLike) => {
        // Half the inputs start as a plausible header so the attribute walk is exercised, not just the header checks.
        const packet = stunLike && bytes.length >= 20 ? request(bytes.subarray(20)) : bytes;
        const id = parseBindingRequest(packet);
        if (id === null) return;
        expect(id.length).toBe(12);
        expect(packet.length).toBeGreaterThanOrEqual(20);
        expect(encodeBindingSuccess(id, addressBytes('::1')!, 9).length).toBeLessThanOrEqual(44);
      }),
      { seed: FUZZ_SEED, numRuns: 5000 },
    );
  });
});

describe('createStunRateLimiter', () => {
  const limits = { perAddressBurst: 3, perAddressPerSecond: 1, totalBurst: 5, totalPerSecond: 2, maxAddresses: 2 };

  it('answers one address up to its burst, then at its rate', () => {
    const clock = createTestClock(0);
    const limiter = createStunRateLimiter(clock.now, limits);
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    clock.advance(1000);
    expect([limiter.allow('a'), limiter.allow('a')]).toEqual([true, false]);
  });

  it('caps the total across addresses, and remembers a bounded number of addresses', () => {
    const clock = createTestClock(0);
    const limiter = createStunRateLimiter(clock.now, limits);
    expect([1, 2, 3].map(() => limiter.allow('a'))).toEqual([true, true, true]);
    expect([1, 2, 3].map(() => limiter.allow('b'))).toEqual([true, true, false]);
    clock.advance(500);
    expect(limiter.allow('c')).toBe(false); // a third address while two are remembered and not yet idle
    expect(limiter.size()).toBe(2);
    clock.advance(3000); // a and b are idle (their buckets refilled): forgotten to make room
    expect(limiter.allow('c')).toBe(true);
    expect(limiter.size()).toBe(1);
  });
});

describe('createStunRateLimiter with a full table', () => {
  /** Counts the steps taken through any Map's iterators while `run` runs. */
  function countMapSteps(run: () => void): number {
    let steps = 0;
    const originals = {
      entries: Map.prototype.entries,
      keys: Map.prototype.keys,
      values: Map.prototype.values,
      iterator: Map.prototype[Symbol.iterator],
    };
    const counting = <T>(original: (this: Map<unknown, unknown>) => IterableIterator<T>) =>
      function (this: Map<unknown, unknown>): IterableIterator<T> {
        const iterator = original.call(this);
        const next = iterator.next.bind(iterator);
        iterator.next = () => {
          steps += 1;
          return next();
        };
        return iterator;
      };
    Map.prototype.entries = counting(originals.entries);
    Map.prototype.keys = counting(originals.keys);
    Map.prototype.values = counting(originals.values);
    Map.prototype[Symbol.iterator] = counting(originals.iterator);
    try {
      run();
    } finally {
      Map.prototype.entries = originals.entries;
      Map.prototype.keys = originals.keys;
      Map.prototype.values = originals.values;
      Map.prototype[Symbol.iterator] = originals.iterator;
    }
    return steps;
  }

  it('refuses new senders without walking the table while nobody is idle (a spoofed-source flood)', () => {
    const clock = createTestClock(0);
    const limiter = createStunRateLimiter(clock.now, {
      perAddressBurst: 200,
      perAddressPerSecond: 100,
      totalBurst: 1_000_000,
      totalPerSecond: 1_000_000,
      maxAddresses: 10_000,
    });
    for (let i = 0; i < 10_000; i += 1) limiter.allow(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size()).toBe(10_000);
    const steps = countMapSteps(() => {
      for (let i = 0; i < 1000; i += 1) expect(limiter.allow(`192.0.2.${i}`)).toBe(false);
    });
    expect(steps).toBeLessThanOrEqual(1000);
  });

  it('forgets the sender idle longest, not one that is still asking', () => {
    const clock = createTestClock(0);
    const limits = {
      perAddressBurst: 2,
      perAddressPerSecond: 1,
      totalBurst: 100,
      totalPerSecond: 100,
      maxAddresses: 2,
    };
    const limiter = createStunRateLimiter(clock.now, limits);
    limiter.allow('a');
    limiter.allow('b');
    clock.advance(1500);
    expect([limiter.allow('a'), limiter.allow('a')]).toEqual([true, true]); // a is asking again (spent), b is not
    clock.advance(1000); // b quiet for 2.5 s (its bucket is full again), a for 1 s (one answer back)
    expect(limiter.allow('c')).toBe(true);
    expect(limiter.size()).toBe(2);
    // a is still remembered: forgetting it would have given it a full burst again.
    expect([limiter.allow('a'), limiter.allow('a')]).toEqual([true, false]);
  });
});

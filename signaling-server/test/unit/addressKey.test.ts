import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/http/addressKey.js';

describe('addressKey', () => {
  it('counts IPv6 addresses of one /64 as one, however they are written', () => {
    const keys = [
      '2001:db8:1:2::1',
      '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
      '2001:DB8:1:2:abcd::',
      '2001:db8:1:2::1%eth0',
      '2001:db8:1:2:0:0:10.0.0.1',
    ].map(addressKey);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('keeps IPv4 addresses apart, IPv4-mapped IPv6 ones included', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:c000:202')).toBe('192.0.2.2');
    expect(addressKey('unknown')).toBe('unknown');
  });
});

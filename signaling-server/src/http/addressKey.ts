import { isIPv4, isIPv6 } from 'node:net';

/**
 * What every per-address limit counts by: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber
 * line or one host usually has a whole /64, so counting single IPv6 addresses would give one attacker
 * 2^64 budgets). IPv4-mapped IPv6 addresses count as their IPv4 address; anything else is kept as it is.
 */
export function addressKey(address: string): string {
  const plain = address.split('%')[0]!;
  if (!isIPv6(plain)) return address;
  const [head = '', tail] = plain.toLowerCase().split('::');
  const groupsOf = (part: string | undefined) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? dottedToGroups(group) : [group])) : [];
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const numbers = groups.map((group) => parseInt(group, 16));
  if (numbers.slice(0, 5).every((n) => n === 0) && numbers[5] === 0xffff) {
    const [high = 0, low = 0] = numbers.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${numbers
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}::/64`;
}

function dottedToGroups(dotted: string): string[] {
  if (!isIPv4(dotted)) return ['0', '0'];
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/**
 * The few parts of STUN (RFC 5389 / RFC 8489) the built-in responder speaks: it reads a Binding request and
 * answers with a Binding success response that carries only XOR-MAPPED-ADDRESS.
 */
export const STUN_HEADER_BYTES = 20;
export const MAGIC_COOKIE = 0x2112a442;
export const BINDING_REQUEST = 0x0001;
export const BINDING_SUCCESS = 0x0101;
export const XOR_MAPPED_ADDRESS = 0x0020;
/** Larger datagrams are not Binding requests any client sends (RFC 8489 keeps messages under the path MTU). */
export const MAX_REQUEST_BYTES = 1280;

const FAMILY_IPV4 = 0x01;
const FAMILY_IPV6 = 0x02;

/**
 * The transaction id of a well-formed Binding request, or null for anything else: too short or too long,
 * another message type or class, a length that disagrees with the datagram, no magic cookie (RFC 3489),
 * or attributes that run past the end.
 */
export function parseBindingRequest(packet: Uint8Array): Uint8Array | null {
  if (packet.length < STUN_HEADER_BYTES || packet.length > MAX_REQUEST_BYTES) return null;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  if (view.getUint16(0) !== BINDING_REQUEST) return null;
  const length = view.getUint16(2);
  if (length % 4 !== 0 || length !== packet.length - STUN_HEADER_BYTES) return null;
  if (view.getUint32(4) !== MAGIC_COOKIE) return null;
  let offset = STUN_HEADER_BYTES;
  while (offset < packet.length) {
    if (offset + 4 > packet.length) return null;
    const valueLength = view.getUint16(offset + 2);
    offset += 4 + Math.ceil(valueLength / 4) * 4;
  }
  if (offset !== packet.length) return null;
  return packet.slice(8, STUN_HEADER_BYTES);
}

/** A parsed IPv4 or IPv6 address; IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) count as IPv4. */
export function addressBytes(address: string): Uint8Array | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const v4 = mapped ? mapped[1]! : address;
  const octets = v4.split('.');
  if (octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) {
    return Uint8Array.from(octets.map(Number));
  }
  return ipv6Bytes(address);
}

function ipv6Bytes(address: string): Uint8Array | null {
  const text = address.split('%')[0]!;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const groups =
    halves.length === 2 ? [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail] : head;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/**
 * The Binding success response telling the sender the address and port its request came from
 * (32 bytes for IPv4, 44 for IPv6; no FINGERPRINT or SOFTWARE, so the answer stays small).
 */
export function encodeBindingSuccess(transactionId: Uint8Array, address: Uint8Array, port: number): Uint8Array {
  const family = address.length === 4 ? FAMILY_IPV4 : FAMILY_IPV6;
  const valueLength = 4 + address.length;
  const packet = new Uint8Array(STUN_HEADER_BYTES + 4 + valueLength);
  const view = new DataView(packet.buffer);
  view.setUint16(0, BINDING_SUCCESS);
  view.setUint16(2, 4 + valueLength);
  view.setUint32(4, MAGIC_COOKIE);
  packet.set(transactionId, 8);
  view.setUint16(20, XOR_MAPPED_ADDRESS);
  view.setUint16(22, valueLength);
  packet[25] = family;
  view.setUint16(26, port ^ (MAGIC_COOKIE >>> 16));
  // X-Address: the address XOR the magic cookie, followed (IPv6) by the transaction id: bytes 4..19 of the header.
  for (let i = 0; i < address.length; i += 1) packet[28 + i] = address[i]! ^ packet[4 + i]!;
  return packet;
}

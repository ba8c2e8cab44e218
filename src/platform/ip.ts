/**
 * IP addresses as the server judges them: which are outside the public internet (the
 * outbound guard, outbound.ts), and which belong to one sender (rate limits, bans and
 * stream caps key an IPv6 sender by its /64, since that is what one line or one server
 * gets; an IPv4-mapped IPv6 address is its IPv4 address).
 *
 * @example
 *   isPrivateAddress('10.1.2.3');                  // true
 *   senderKey('2001:db8:1:2:aaaa::1');             // '2001:db8:1:2::/64'
 *   senderKey('::ffff:203.0.113.7');               // '203.0.113.7'
 */
import { isIP } from 'node:net';

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const V4_BLOCKED: [number[], number][] = [
  [[0], 8], [[10], 8], [[100, 64], 10], [[127], 8], [[169, 254], 16], [[172, 16], 12],
  [[192, 0, 0], 24], [[192, 0, 2], 24], [[192, 168], 16], [[198, 18], 15], [[198, 51, 100], 24],
  [[203, 0, 113], 24], [[224], 4], [[240], 4],
];

/** IPv6 ranges: unspecified, loopback, discard, documentation, ULA, link- and site-local, multicast. */
const V6_BLOCKED: [number[], number][] = [
  [[], 127], [[0x01, 0x00], 64],
  [[0x20, 0x01, 0x0d, 0xb8], 32], [[0xfc], 7], [[0xfe, 0x80], 10], [[0xfe, 0xc0], 10], [[0xff], 8],
];

function inPrefix(bytes: readonly number[], prefix: readonly number[], length: number): boolean {
  for (let bit = 0; bit < length; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

const withoutZone = (ip: string) => ip.replace(/%.*$/, '');

/** 16 bytes of an IPv6 address in any notation (`::`, embedded dotted IPv4, zone id). */
function v6Bytes(ip: string): number[] {
  let text = withoutZone(ip);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

const IPV4_MAPPED: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * Whether an IP address is outside the public internet. IPv6 forms that carry an IPv4
 * address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4
 * `2002::/16`) are judged by that IPv4 address. Anything that is not an IP is private.
 *
 * @example
 *   isPrivateAddress('::ffff:127.0.0.1'); // true
 *   isPrivateAddress('93.184.215.14');    // false
 */
export function isPrivateAddress(ip: string): boolean {
  const version = isIP(withoutZone(ip));
  if (version === 4) return V4_BLOCKED.some(([prefix, length]) => inPrefix(v4Bytes(ip), prefix, length));
  if (version !== 6) return true;
  const bytes = v6Bytes(ip);
  const embedded = (from: number) => isPrivateAddress(bytes.slice(from, from + 4).join('.'));
  if (inPrefix(bytes, IPV4_MAPPED, 96)) return embedded(12);
  if (inPrefix(bytes, [0, 0x64, 0xff, 0x9b], 96)) return embedded(12);
  if (inPrefix(bytes, [0x20, 0x02], 16)) return embedded(2);
  if (inPrefix(bytes, [], 96) && !inPrefix(bytes, [], 127)) return embedded(12);
  return V6_BLOCKED.some(([prefix, length]) => inPrefix(bytes, prefix, length));
}

/**
 * Loopback only (127.0.0.0/8, ::1, and 127.x as IPv4-mapped IPv6): what the outbound
 * test switch lets through, while the rest of the private ranges stay refused.
 *
 * @example
 *   isLoopbackAddress('::ffff:127.0.0.1'); // true
 *   isLoopbackAddress('10.0.0.1');         // false
 */
export function isLoopbackAddress(ip: string): boolean {
  const version = isIP(withoutZone(ip));
  if (version === 4) return inPrefix(v4Bytes(ip), [127], 8);
  if (version !== 6) return false;
  const bytes = v6Bytes(ip);
  if (inPrefix(bytes, IPV4_MAPPED, 96)) return bytes[12] === 127;
  return inPrefix(bytes, [...Array<number>(15).fill(0), 1], 128);
}

/**
 * Who sent a request, for counting: an IPv4 address as it is, an IPv6 address as its /64
 * (lower case, compressed), an IPv4-mapped IPv6 address as its IPv4 address. Anything
 * else (a test's made-up address) is used as given.
 *
 * @example
 *   senderKey('2001:DB8:0:0:1::5'); // '2001:db8:0:0::/64'
 */
export function senderKey(ip: string): string {
  const version = isIP(withoutZone(ip));
  if (version === 4) return ip;
  if (version !== 6) return ip;
  const bytes = v6Bytes(ip);
  if (inPrefix(bytes, IPV4_MAPPED, 96)) return bytes.slice(12).join('.');
  const groups = [0, 2, 4, 6].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}

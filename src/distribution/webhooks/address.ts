/**
 * SSRF protection for webhook targets. A newsroom account that registers
 * `http://169.254.169.254/…` or `http://localhost:5432/` must not make the server probe its
 * own network, so targets that are (or resolve to) loopback, private, link-local or other
 * non-public addresses are refused, both when registered and again when delivering:
 * `guardedLookup` checks the address the socket actually connects to, which also defeats
 * a DNS name that resolved to a public address at registration and a private one later.
 *
 * @example
 *   isPrivateAddress('10.1.2.3'); // true
 *   await checkWebhookUrl('https://hooks.example.org/in', { allowPrivate: false }); // URL, or throws WebhookTargetError
 */
import { lookup as dnsLookup } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';

export type TargetProblem = 'invalid' | 'scheme' | 'private' | 'unresolvable';

export class WebhookTargetError extends Error {
  constructor(
    readonly problem: TargetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

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

/** 16 bytes of an IPv6 address in any notation (`::`, embedded dotted IPv4, zone id). */
function v6Bytes(ip: string): number[] {
  let text = ip.replace(/%.*$/, '');
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

/**
 * Whether an IP address is outside the public internet. IPv6 forms that carry an IPv4
 * address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4
 * `2002::/16`) are judged by that IPv4 address.
 *
 * @example
 *   isPrivateAddress('::ffff:127.0.0.1'); // true
 *   isPrivateAddress('93.184.215.14'); // false
 */
export function isPrivateAddress(ip: string): boolean {
  const version = isIP(ip.replace(/%.*$/, ''));
  if (version === 4) return V4_BLOCKED.some(([prefix, length]) => inPrefix(v4Bytes(ip), prefix, length));
  if (version !== 6) return true;
  const bytes = v6Bytes(ip);
  const embedded = (from: number) => isPrivateAddress(bytes.slice(from, from + 4).join('.'));
  if (inPrefix(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) return embedded(12);
  if (inPrefix(bytes, [0, 0x64, 0xff, 0x9b], 96)) return embedded(12);
  if (inPrefix(bytes, [0x20, 0x02], 16)) return embedded(2);
  if (inPrefix(bytes, [], 96) && !inPrefix(bytes, [], 127)) return embedded(12);
  return V6_BLOCKED.some(([prefix, length]) => inPrefix(bytes, prefix, length));
}

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Parses and checks a webhook URL: http(s) only, and (unless `allowPrivate`) a host that
 * resolves only to public addresses.
 *
 * @example
 *   await checkWebhookUrl('ftp://x.example/', { allowPrivate: true }); // throws WebhookTargetError('scheme')
 */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('invalid', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookTargetError('scheme', 'only http and https URLs can receive webhooks');
  if (options.allowPrivate) return url;
  const host = hostOf(url);
  const resolve = options.resolve ?? (async (name: string) => (await dnsLookupAsync(name, { all: true })).map((a) => a.address));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new WebhookTargetError('unresolvable', `${host} cannot be resolved`);
  }
  if (addresses.length === 0) throw new WebhookTargetError('unresolvable', `${host} cannot be resolved`);
  const refused = addresses.find(isPrivateAddress);
  if (refused) throw new WebhookTargetError('private', `${host} is a loopback or private network address (${refused})`);
  return url;
}

/**
 * A `lookup` for `http.request` that refuses private addresses at connection time. IP
 * literals never reach a lookup, so callers check those with `checkWebhookUrl` first.
 *
 * @example
 *   http.request(url, { lookup: guardedLookup });
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    const first = addresses[0];
    if (refused || !first) {
      const problem = new WebhookTargetError(refused ? 'private' : 'unresolvable', `${hostname} resolves to ${refused?.address ?? 'nothing'}`);
      return callback(Object.assign(problem, { code: refused ? 'EPRIVATE' : 'ENOTFOUND' }), '', 0);
    }
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
};

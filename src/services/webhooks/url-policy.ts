import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../domain/errors.js';

/**
 * Where webhooks may point. A webhook makes Ordo's server send requests, so a URL that reaches
 * the server's own network (loopback, private ranges, link-local, unique-local, and each of those
 * dressed as an IPv4-mapped IPv6 address) would let a product owner probe it: server-side request
 * forgery. Such addresses are refused unless the admin sets WEBHOOK_ALLOW_PRIVATE=true (a receiver
 * on the same network, or a test). The check runs at registration and again at each delivery, and
 * the delivery connects to the address that was checked, so a name that re-resolves elsewhere
 * between the two (DNS rebinding) gains nothing.
 */
export function allowPrivateTargets(): boolean {
  return process.env.WEBHOOK_ALLOW_PRIVATE === 'true';
}

/** Ranges (ipaddr.js names) that are not the public internet. */
const REFUSED = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'uniqueLocal',
  'benchmarking',
  'amt',
  'as112',
  'as112v6',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
]);

/** Whether an address is on the public internet (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  // 6to4 and Teredo wrap IPv4 addresses too; rather than unwrap them, refuse them.
  if (range === '6to4' || range === 'teredo' || range === 'rfc6145' || range === 'rfc6052') return false;
  return !REFUSED.has(range);
}

export interface CheckedTarget {
  url: URL;
  /** the address to connect to: one the policy accepted */
  address: string;
  family: 4 | 6;
}

const refuse = (message: string) => new AppError('rule_violation', message, { fields: [{ path: 'url', message }] });

/**
 * Parses a webhook URL and resolves its host, refusing what the policy does not allow: schemes
 * other than http(s), credentials in the URL, and hosts with any address off the public internet.
 */
export async function checkWebhookUrl(
  raw: string,
  opts: { allowPrivate: boolean } = { allowPrivate: allowPrivateTargets() },
): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('is not a URL (write it in full: https://example.com/hooks/ordo)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must start with https:// or http://');
  if (url.username || url.password) throw refuse('must not carry a user name or password; the signature proves the sender');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
      : await lookup(host, { all: true, verbatim: true });
  } catch {
    throw refuse(`names a host that does not resolve (${host})`);
  }
  if (!addresses.length) throw refuse(`names a host that does not resolve (${host})`);
  if (!opts.allowPrivate) {
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside)
      throw refuse(
        `resolves to ${inside.address}, an address inside a private network; webhooks go to public addresses unless the admin sets WEBHOOK_ALLOW_PRIVATE=true`,
      );
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

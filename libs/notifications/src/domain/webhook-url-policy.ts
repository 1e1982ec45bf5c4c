import { BlockList, isIP } from 'node:net';

export const WEBHOOK_URL_MAX_LENGTH = 2048;

// Loopback, private, link-local, carrier-grade NAT, "this network", benchmarking, multicast and reserved
// ranges: addresses that reach the platform's own network rather than a customer's public server.
const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address a webhook must not reach in production (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return PRIVATE_RANGES.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 4) return PRIVATE_RANGES.check(bare, 'ipv4');
  if (family === 6) return PRIVATE_RANGES.check(bare, 'ipv6');
  return false;
}

/**
 * Why `raw` cannot be a webhook URL, or null when it can: http(s) only, no credentials in it, and, unless
 * private hosts are allowed, no loopback/private IP literal or local host name. Names that resolve to a
 * private address are refused again at delivery time, when they are resolved.
 */
export function webhookUrlProblem(raw: string, options: { allowPrivateHosts: boolean }): string | null {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return `url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (url.hostname === '') return 'url must name a host';
  if (!options.allowPrivateHosts && isPrivateHost(url.hostname)) {
    return 'url must point to a public host, not a loopback, private or local address';
  }
  return null;
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host.endsWith('.local') || host.endsWith('.internal')) return true;
  return isPrivateAddress(host);
}

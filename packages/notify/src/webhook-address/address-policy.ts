import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go: public unicast addresses, plus what the owner allowed explicitly
 * (intranet receivers), never the product's own services.
 */
export interface WebhookPolicy {
  /** Networks (CIDR, e.g. 10.20.0.0/16) and host names a webhook may reach although not public. */
  allow: readonly string[];
  /** Addresses of the product's own services (admin app, ingest): never a webhook target. */
  own: readonly string[];
}

/** Public addresses only. */
export const DEFAULT_POLICY: WebhookPolicy = { allow: [], own: [] };

/** Names that always lead inside: the machine itself and cloud metadata services. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$|^metadata$/i;

/**
 * Why `address` (an IP address, v4 or v6) is not a webhook target, or undefined when it is.
 * Every range that is not global unicast is refused — loopback, private, link-local (cloud
 * metadata at 169.254.169.254), unique-local, carrier NAT, multicast, reserved, unspecified —
 * also when written as an IPv4-mapped IPv6 address. Allowed networks pass.
 */
export function refusedAddress(address: string, policy: WebhookPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (allowedNetwork(parsed, policy)) return undefined;
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  return `${parsed.toString()} is a ${RANGE_NAMES[range] ?? range} address`;
}

/** Why the host name `name` is not a webhook target by its name alone, or undefined. */
export function refusedName(name: string, policy: WebhookPolicy): string | undefined {
  if (allowedName(name, policy)) return undefined;
  if (INTERNAL_NAME.test(name.replace(/\.$/, ''))) return `${name} is an internal name`;
  return undefined;
}

/** Whether the owner allowed the host `name` by name (its addresses are not checked then). */
export function allowedName(name: string, policy: WebhookPolicy): boolean {
  const bare = name.replace(/\.$/, '').toLowerCase();
  return policy.allow.some((entry) => !entry.includes('/') && entry.toLowerCase() === bare);
}

function allowedNetwork(address: ipaddr.IPv4 | ipaddr.IPv6, policy: WebhookPolicy): boolean {
  for (const entry of policy.allow) {
    const network = networkOf(entry);
    if (network && network[0].kind() === address.kind() && address.match(network)) return true;
  }
  return false;
}

/** An allow-list entry as a network: a CIDR, or a single address. */
function networkOf(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    // Not a network: a host name, matched by allowedName.
  }
  return undefined;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local (cloud metadata)',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  benchmarking: 'benchmarking',
  amt: 'reserved',
  as112: 'reserved',
  deprecated: 'deprecated',
  orchid2: 'reserved',
  droneRemoteIdProtocolEntityTags: 'reserved',
  rfc6145: 'translated',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
  discard: 'discard-only',
};

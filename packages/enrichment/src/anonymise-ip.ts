import { isIPv4, isIPv6 } from 'node:net';

/**
 * Zeroes the host part of an address — IPv4 to its /24, IPv6 to its /48 — so that what leaves
 * ingest no longer identifies a person. IPv4-mapped IPv6 addresses are treated as IPv4.
 */
export function anonymiseIp(ip: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  if (isIPv4(address)) return address.replace(/\.\d+$/, '.0');
  if (!isIPv6(address)) return undefined;
  // Expand "::" so the first three groups can be kept.
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 3)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::`;
}

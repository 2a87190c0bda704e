import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { allowedName, refusedAddress, refusedName, type WebhookPolicy } from './address-policy.js';

/** Resolves a host name to all its addresses (the system resolver by default). */
export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** A webhook address checked against the policy: where to connect, and only there. */
export interface WebhookTarget {
  url: URL;
  /** The checked addresses of its host: the connection goes to one of these, never re-resolved. */
  addresses: string[];
}

export class WebhookAddressError extends Error {
  override readonly name = 'WebhookAddressError';
}

/**
 * Checks a webhook address and resolves its host: http(s) only, no user or password in it, not
 * one of the product's own services, and every address its name resolves to a public one
 * (or allowed). Run when a channel is saved and again before each delivery, whose connection
 * then goes to the addresses checked here (a name that resolves elsewhere the second time —
 * DNS rebinding — cannot redirect it). Throws WebhookAddressError with the reason.
 */
export async function checkWebhookUrl(
  address: string,
  policy: WebhookPolicy,
  resolve: Resolve = systemResolve,
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new WebhookAddressError('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookAddressError('only http and https addresses can receive webhooks');
  if (url.username || url.password)
    throw new WebhookAddressError('a user name or password in the address is not accepted');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  for (const own of policy.own) {
    const ownUrl = URL.canParse(own) ? new URL(own) : undefined;
    // Any port: the host's other services (processor, chatbot, stores) are as internal.
    if (ownUrl && ownUrl.hostname.toLowerCase() === url.hostname.toLowerCase())
      throw new WebhookAddressError(`${url.hostname} is this product's own host`);
  }
  if (isIP(host)) {
    const refused = refusedAddress(host, policy);
    if (refused) throw new WebhookAddressError(refused);
    return { url, addresses: [host] };
  }
  const byName = refusedName(host, policy);
  if (byName) throw new WebhookAddressError(byName);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new WebhookAddressError(`${host} does not resolve${code ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new WebhookAddressError(`${host} does not resolve`);
  if (!allowedName(host, policy))
    for (const resolved of addresses) {
      const refused = refusedAddress(resolved, policy);
      if (refused) throw new WebhookAddressError(`${host} resolves to ${refused}`);
    }
  return { url, addresses };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl, DEFAULT_POLICY, sendWebhook, type WebhookPolicy } from '../src/index.js';
import { firing } from './fixtures.js';

const policy: WebhookPolicy = {
  allow: [],
  own: ['https://analytics.example.com', 'http://localhost:3001'],
};
/** A resolver that knows a few names, as DNS would answer them. */
const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'inside.example.com': ['10.1.2.3'],
  'mixed.example.com': ['93.184.216.34', '192.168.0.9'],
  'v6.example.com': ['2606:4700::1111'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'intranet.corp': ['10.20.0.5'],
};
const resolve = (host: string) => {
  const found = dns[host];
  return found
    ? Promise.resolve(found)
    : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
};
const reason = async (url: string, with_: WebhookPolicy = policy) => {
  try {
    await checkWebhookUrl(url, with_, resolve);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('webhook addresses', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[::ffff:a9fe:a9fe]/', /169\.254\.169\.254 is a link-local/],
    ['http://2852039166/', /169\.254\.169\.254 is a link-local/],
    ['http://0xa9fea9fe/', /link-local/],
    ['http://metadata.google.internal/computeMetadata/v1/', /internal name/],
    ['http://metadata/', /internal name/],
    ['http://10.0.0.1/hook', /private/],
    ['http://192.168.1.1/hook', /private/],
    ['http://172.16.5.4/hook', /private/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://[fd00::1]/hook', /unique-local/],
    ['http://127.0.0.1:9200/_all', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://localhost:8080/', /own host/],
    ['http://app.localhost/', /internal name/],
    ['https://analytics.example.com/api/sites', /own host/],
    ['https://analytics.example.com:9200/', /own host/],
    ['http://localhost:3001/collect', /own host/],
    ['https://user:pass@hooks.example.com/', /user name or password/],
    ['ftp://hooks.example.com/', /only http and https/],
    ['http://inside.example.com/', /resolves to 10\.1\.2\.3 is a private/],
    ['http://mixed.example.com/', /resolves to 192\.168\.0\.9/],
    ['http://mapped.example.com/', /resolves to 127\.0\.0\.1 is a loopback/],
    ['http://nowhere.example.com/', /does not resolve \(ENOTFOUND\)/],
  ])('refuses %s', async (url, why) => {
    expect(await reason(url)).toMatch(why);
  });

  it('accepts public addresses, by name or number, v4 or v6', async () => {
    for (const url of [
      'https://hooks.example.com/sightline',
      'http://v6.example.com:8080/x',
      'https://93.184.216.34/hook',
      'https://[2606:4700::1111]/hook',
    ])
      expect(await reason(url), url).toBe('accepted');
  });

  it('accepts intranet receivers the owner allowed, by network or by name, and nothing more', async () => {
    const intranet: WebhookPolicy = { ...policy, allow: ['10.20.0.0/16', 'intranet.corp'] };
    expect(await reason('http://10.20.3.4/hook', intranet)).toBe('accepted');
    expect(await reason('http://intranet.corp/hook', intranet)).toBe('accepted');
    expect(await reason('http://10.21.0.1/hook', intranet)).toMatch(/private/);
    expect(await reason('http://169.254.169.254/', intranet)).toMatch(/link-local/);
    // The product's own host stays refused, allowed or not.
    const local: WebhookPolicy = { ...policy, allow: ['localhost', '127.0.0.0/8'] };
    expect(await reason('http://localhost:3001/collect', local)).toMatch(/own host/);
  });
});

describe('a webhook delivery', () => {
  let server: Server;
  let port: number;
  let received = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      received++;
      request.resume();
      response.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));
  const send = (url: string, options: { policy?: WebhookPolicy; resolve?: typeof resolve }) =>
    sendWebhook(
      firing(),
      { id: 'ops', url, secret: 'a-webhook-secret-of-some-length' },
      { timeoutMs: 2_000, now: Date.now(), ...options },
    );

  it('is refused before any connection when the address is not public', async () => {
    const before = received;
    const outcome = await send(`http://127.0.0.1:${port}/hook`, { policy: DEFAULT_POLICY });
    expect(outcome).toEqual({
      ok: false,
      error: 'refused address: 127.0.0.1 is a loopback address',
    });
    expect(received).toBe(before);
  });

  it('connects to the address checked, not to what the name resolves to later', async () => {
    // The name resolves once, to an allowed address: the connection goes there (no real DNS
    // knows this name, so only the pinned address can have been reached).
    let lookups = 0;
    const once = (host: string) => {
      lookups++;
      return host === 'hooks.pinned.test'
        ? Promise.resolve(['127.0.0.1'])
        : Promise.reject(new Error('unknown'));
    };
    const before = received;
    const outcome = await send(`http://hooks.pinned.test:${port}/hook`, {
      policy: { allow: ['127.0.0.1/32'], own: [] },
      resolve: once,
    });
    expect(outcome).toEqual({ ok: true, status: 200 });
    expect(received).toBe(before + 1);
    expect(lookups).toBe(1);
  });

  it('is refused when the name now resolves inside (DNS rebinding after the channel was saved)', async () => {
    const before = received;
    const rebound = () => Promise.resolve(['127.0.0.1']);
    const outcome = await send(`http://hooks.example.com:${port}/hook`, {
      policy: DEFAULT_POLICY,
      resolve: rebound,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/resolves to 127\.0\.0\.1 is a loopback/);
    expect(received).toBe(before);
  });
});

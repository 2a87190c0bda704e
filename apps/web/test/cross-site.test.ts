import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { refuseCrossSite } from '../server/auth/guard.js';

const app = async (trustProxy: boolean) => {
  const server = Fastify({ trustProxy });
  server.post('/change', { preHandler: refuseCrossSite }, () => ({ ok: true }));
  await server.ready();
  return server;
};
const post = (headers: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/change',
  headers: { host: 'admin.example', 'content-type': 'application/json', ...headers },
  payload: '{}',
});

describe('changes from other sites', () => {
  it('are refused, whatever X-Forwarded-Host says, unless the proxy is trusted', async () => {
    const direct = await app(false);
    const forged = post({ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' });
    expect((await direct.inject(forged)).statusCode).toBe(403);
    expect((await direct.inject(post({ origin: 'https://admin.example' }))).statusCode).toBe(200);
    // Behind a trusted proxy, the host the browser asked for is the forwarded one.
    const proxied = await app(true);
    expect(
      (
        await proxied.inject(
          post({ origin: 'https://admin.example', 'x-forwarded-host': 'admin.example' }),
        )
      ).statusCode,
    ).toBe(200);
    expect((await proxied.inject(post({ origin: 'https://evil.example' }))).statusCode).toBe(403);
  });
});

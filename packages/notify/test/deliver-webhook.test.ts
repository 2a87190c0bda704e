import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliverAlert,
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  type AlertPayload,
} from '../src/index.js';
import { firing, LOOPBACK_ALLOWED, recorder } from './fixtures.js';

const secret = 'a-webhook-secret-of-some-length';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
  verified: boolean;
}

/** A webhook receiver on loopback: checks each signature, answers from `answers` in turn. */
async function receiver(answers: (number | 'hang')[]): Promise<{
  url: string;
  received: Received[];
  server: Server;
}> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const header = request.headers[SIGNATURE_HEADER];
      received.push({
        body,
        headers: request.headers,
        verified: verifyWebhookSignature({
          secret,
          header: typeof header === 'string' ? header : undefined,
          body,
        }),
      });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
      if (answer === 'hang') return; // never answers
      if (answer === 302) response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      else response.writeHead(answer);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/sightline`, received, server };
}

describe('webhook deliveries', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((s) => {
        s.closeAllConnections();
        return new Promise((resolve) => s.close(resolve));
      }),
    );
  });
  const webhook = (url: string) => ({
    id: 'ops',
    name: 'Ops',
    type: 'webhook' as const,
    url,
    secret,
  });

  it('retry with backoff until the receiver takes it, every attempt signed and logged', async () => {
    const hook = await receiver([500, 503, 200]);
    servers.push(hook.server);
    const log = recorder();
    const last = await deliverAlert(firing(), webhook(hook.url), {
      ...log.deps,
      adminUrl: 'https://admin.example',
      retry: { jitter: 0 },
    });
    expect(log.attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, true, 200],
    ]);
    expect(log.waits).toEqual([1_000, 4_000]);
    expect(last).toMatchObject({
      id: 'shop:errors:1800000010000:firing:ops:3',
      alertId: 'shop:errors:1800000010000',
      channelId: 'ops',
      channelType: 'webhook',
      ok: true,
    });
    expect(hook.received).toHaveLength(3);
    expect(hook.received.every((r) => r.verified)).toBe(true);
    // Every attempt carries the same body, so a receiver sees one alert however often it is sent.
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(hook.received.map((r) => r.headers[EVENT_HEADER])).toEqual(
      Array(3).fill('alert.firing'),
    );
    expect(hook.received[0]!.headers['user-agent']).toBe('Sightline-Alerts/1');
    expect(new Set(hook.received.map((r) => r.headers[DELIVERY_HEADER]))).toEqual(
      new Set(['shop:errors:1800000010000:firing:ops']),
    );
    const payload = JSON.parse(hook.received[2]!.body) as AlertPayload;
    expect(payload).toEqual({
      type: 'alert.firing',
      alert: firing(),
      summary: 'FIRING: Errors per minute on shop — JavaScript errors 12 over 1 min (above 5)',
      link: 'https://admin.example/sites/shop/alerts',
    });
  });

  it('report an unreachable receiver, a redirect and a silent one as failures, without throwing', async () => {
    const closed = await receiver([200]);
    const url = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    const down = recorder();
    const last = await deliverAlert(firing(), webhook(url), {
      ...down.deps,
      retry: { attempts: 3 },
    });
    expect(down.attempts.map((a) => a.ok)).toEqual([false, false, false]);
    expect(last.error).toMatch(/ECONNREFUSED/);

    const moved = await receiver([302]);
    servers.push(moved.server);
    const redirected = await deliverAlert(firing(), webhook(moved.url), {
      ...recorder().deps,
      retry: { attempts: 1 },
    });
    expect(redirected).toMatchObject({ ok: false, status: 302 });
    expect(redirected.error).toMatch(/redirected/);

    const silent = await receiver(['hang']);
    servers.push(silent.server);
    const timedOut = await deliverAlert(firing(), webhook(silent.url), {
      ...recorder().deps,
      retry: { attempts: 1 },
      timeoutMs: 300,
    });
    expect(timedOut).toMatchObject({ ok: false, error: 'no answer within 300 ms' });
  });

  it('stop retrying once aborted, even in the middle of a wait', async () => {
    const failing = await receiver([500]);
    servers.push(failing.server);
    const controller = new AbortController();
    const attempts: number[] = [];
    const started = Date.now();
    // The real wait (no `sleep` given) is a minute long; the abort comes 50 ms into it.
    const last = await deliverAlert(firing(), webhook(failing.url), {
      retry: { baseMs: 60_000, jitter: 0 },
      webhooks: LOOPBACK_ALLOWED,
      signal: controller.signal,
      onAttempt: (delivery) => {
        attempts.push(delivery.attempt);
        setTimeout(() => controller.abort(), 50);
      },
    });
    expect(attempts).toEqual([1]);
    expect(last).toMatchObject({ attempt: 1, ok: false, status: 500 });
    expect(failing.received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

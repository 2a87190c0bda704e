import { afterEach, describe, expect, it } from 'vitest';
import { Counter, createMetrics, startOpsServer, type OpsServer } from '../src/index.js';

describe('ops server', () => {
  let ops: OpsServer | undefined;
  afterEach(async () => {
    await ops?.close();
    ops = undefined;
  });

  async function start(readiness: Record<string, () => Promise<void>>) {
    const registry = createMetrics('test');
    new Counter({ name: 'sightline_test_total', help: 'test counter', registers: [registry] }).inc(
      3,
    );
    ops = await startOpsServer({ host: '127.0.0.1', port: 0, registry, readiness });
    return `http://127.0.0.1:${ops.port}`;
  }

  it('answers /healthz while dependencies are down, and /readyz with 503 naming the failed one', async () => {
    const base = await start({
      bus: () => Promise.resolve(),
      store: () => Promise.reject(new Error('connection refused')),
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; error?: string }>;
    };
    expect(body.status).toBe('not_ready');
    expect(body.checks.bus?.ok).toBe(true);
    expect(body.checks.store).toMatchObject({ ok: false, error: 'connection refused' });
  });

  it('is ready when every check passes', async () => {
    const base = await start({ bus: () => Promise.resolve() });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('times out a check that never answers', async () => {
    const base = await start({ hung: () => new Promise<void>(() => undefined) });
    const body = (await (await fetch(`${base}/readyz`)).json()) as {
      checks: { hung: { error: string } };
    };
    expect(body.checks.hung.error).toMatch(/no answer within/);
  });

  it('exposes Prometheus metrics with the service label', async () => {
    const base = await start({});
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toContain('sightline_test_total{service="test"} 3');
    expect(text).toContain('sightline_process_cpu_user_seconds_total');
  });

  it('refuses other methods and paths', async () => {
    const base = await start({});
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

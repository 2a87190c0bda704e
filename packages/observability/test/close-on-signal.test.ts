import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const child = join(import.meta.dirname, 'fixtures', 'shutdown-child.ts');

interface Run {
  /** Sends a signal; resolves once it is sent. */
  signal(name: NodeJS.Signals): void;
  /** Exit code, milliseconds from the first signal, and the JSON log lines. */
  exited: Promise<{ code: number | null; ms: number; logs: Record<string, unknown>[] }>;
}

/** Starts the child with a scenario and waits until its signal handlers are in place. */
async function start(scenario: string, timeoutMs: number): Promise<Run> {
  const process_ = spawn(
    process.execPath,
    ['--import', 'tsx', child, scenario, String(timeoutMs)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let firstSignalAt = 0;
  const exited = new Promise<{ code: number | null; ms: number; logs: Record<string, unknown>[] }>(
    (resolve) =>
      process_.once('exit', (code) =>
        resolve({
          code,
          ms: Date.now() - firstSignalAt,
          logs: stdout
            .split('\n')
            .filter((line) => line.startsWith('{'))
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        }),
      ),
  );
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('ready\n')) resolve();
    });
    process_.once('exit', () =>
      reject(new Error(`the child exited before it was ready: ${stderr}`)),
    );
  });
  return {
    signal(name) {
      firstSignalAt ||= Date.now();
      process_.kill(name);
    },
    exited,
  };
}

describe('closeOnSignal', () => {
  it('exits 0 once every step has closed', async () => {
    const run = await start('clean', 5_000);
    run.signal('SIGTERM');
    const { code, logs } = await run.exited;
    expect(code).toBe(0);
    expect(logs.filter((l) => l.msg === 'closed').map((l) => l.step)).toEqual(['server', 'store']);
  });

  it('exits within the deadline, non-zero, naming the step that never finished', async () => {
    const run = await start('hang', 1_000);
    run.signal('SIGTERM');
    const { code, ms, logs } = await run.exited;
    expect(code).toBe(124);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_000);
    const deadline = logs.find((l) => l.msg === 'shutdown did not finish in time; exiting');
    expect(deadline).toMatchObject({
      level: 'error',
      timeoutMs: 1_000,
      running: 'stuck store',
      unfinished: ['stuck store', 'after the store'],
    });
  });

  it('runs the steps after one that fails, then exits 1', async () => {
    const run = await start('failing', 5_000);
    run.signal('SIGINT');
    const { code, logs } = await run.exited;
    expect(code).toBe(1);
    expect(logs.find((l) => l.msg === 'close step failed')).toMatchObject({
      step: 'server',
      err: 'Error: refused',
    });
    expect(logs.filter((l) => l.msg === 'closed').map((l) => l.step)).toEqual(['store']);
  });

  it('exits at once on a second signal, with 128 + its number', async () => {
    const run = await start('hang', 30_000);
    run.signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    run.signal('SIGINT');
    const { code, ms, logs } = await run.exited;
    expect(code).toBe(130);
    expect(ms).toBeLessThan(2_500);
    expect(logs.find((l) => l.msg === 'second signal; exiting now')).toMatchObject({
      running: 'stuck store',
    });
  });

  it('takes a signal repeated at once (a terminal and npm both pass Ctrl-C on) as one', async () => {
    const run = await start('slow', 5_000);
    run.signal('SIGINT');
    run.signal('SIGINT');
    const { code, ms } = await run.exited;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(1_400);
  });
});

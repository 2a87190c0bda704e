import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

export interface AppProcess {
  pid: number;
  /** Base URL of the app's HTTP server (ingest's API, or another app's ops endpoints). */
  url: string;
  /** Where its /readyz and /metrics answer (the admin app and ingest serve them apart). */
  opsUrl: string;
  stop(): Promise<void>;
}

/**
 * Each app's built entry, the variable of its port, and the variable of the port its /readyz
 * and /metrics answer on when apart from it (then the app's port + OPS_OFFSET).
 */
const APPS = {
  ingest: ['apps/ingest/dist/main.js', 'INGEST_PORT', 'INGEST_OPS_PORT'],
  processor: ['apps/processor/dist/main.js', 'PROCESSOR_PORT', undefined],
  chatbot: ['apps/chatbot/dist/main.js', 'CHATBOT_PORT', undefined],
  web: ['apps/web/dist/server/main.js', 'WEB_PORT', 'WEB_OPS_PORT'],
  /** Every app in one process (npm start): the admin app's port. */
  standalone: ['apps/standalone/dist/main.js', 'WEB_PORT', 'WEB_OPS_PORT'],
} as const;
export const OPS_OFFSET = 100;

/**
 * An app as production runs it: its built main, alone in a process, configured by environment.
 * Resolves once its /readyz answers.
 */
export async function startAppProcess(
  app: keyof typeof APPS,
  port: number,
  env: Record<string, string>,
): Promise<AppProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`]
        : []),
      join(root, APPS[app][0]),
    ],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'sightline-bench-')),
        [APPS[app][1]]: String(port),
        ...(APPS[app][2] ? { [APPS[app][2]]: String(port + OPS_OFFSET) } : {}),
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const opsPort = APPS[app][2] ? Number(env[APPS[app][2]] ?? port + OPS_OFFSET) : port;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${opsUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${app} did not become ready within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    pid: child.pid!,
    url,
    opsUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Ingest alone in its process (port from INGEST_PORT in env, else 3901). */
export const startIngestProcess = (env: Record<string, string>) =>
  startAppProcess('ingest', Number(env.INGEST_PORT ?? 3901), env);

/** Reads a metric from a Prometheus exposition: the sum of its series. */
export async function metric(url: string, name: string): Promise<number> {
  return (await metrics(url, name)).reduce((sum, value) => sum + value, 0);
}

/** Every series of a metric in a Prometheus exposition (those with `label`, e.g. `store="events"`). */
export async function metrics(url: string, name: string, label?: string): Promise<number[]> {
  return seriesIn(await (await fetch(`${url}/metrics`)).text(), name, label);
}

/** Every series of a metric in an exposition already read (one scrape, several metrics). */
export function seriesIn(text: string, name: string, label?: string): number[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => label === undefined || line.split(' ')[0]!.includes(label))
    .map((line) => Number(line.split(' ').pop()));
}

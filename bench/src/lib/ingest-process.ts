import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

export interface IngestProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Ingest as production runs it: its built main, alone in a process, configured by environment. */
export async function startIngestProcess(env: Record<string, string>): Promise<IngestProcess> {
  const port = env.INGEST_PORT ?? '3901';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`]
        : []),
      join(root, 'apps', 'ingest', 'dist', 'main.js'),
    ],
    {
      env: {
        ...process.env,
        SIGHTLINE_MODE: 'distributed',
        LOG_LEVEL: 'warn',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'sightline-bench-')),
        INGEST_PORT: port,
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ingest exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('ingest did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    pid: child.pid!,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Reads one counter from a Prometheus exposition. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

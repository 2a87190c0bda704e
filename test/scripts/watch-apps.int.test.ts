import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';
import { until } from '../until.js';

const root = join(import.meta.dirname, '..', '..');

/** An app as far as the script cares: a port answering /readyz, a log, an exit on SIGTERM. */
const STUB = `
import { createServer } from 'node:http';
const port = Number(process.env.STUB_PORT);
for (let i = 1; i <= 30; i++) console.log('stub on ' + port + ': line ' + i);
process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(0); });
const fail = () => { console.log('giving up'); process.exit(3); };
if (Number(process.env.STUB_FAIL_PORT) === port) {
  if (process.env.STUB_FAIL_AFTER_MS === '0') fail();
  setTimeout(fail, Number(process.env.STUB_FAIL_AFTER_MS));
}
createServer((request, response) => response.end('ok')).listen(port, '127.0.0.1');
`;

/** Three apps started, awaited and watched as start-distributed.sh does it (scripts/lib/apps.sh). */
const DRIVER = `
set -euo pipefail
source "${join(root, 'scripts/lib/apps.sh')}"
trap apps_stop EXIT
trap 'apps_stop; exit 0' INT TERM
app_start alpha 1 STUB_PORT "$P1" stub.mjs
app_start beta 1 STUB_PORT "$P2" stub.mjs
app_start beta 2 STUB_PORT "$P3" stub.mjs
apps_wait_ready 30 || exit 1
echo "ready \${app_pids[*]}"
apps_watch || exit 1
`;

describe('start-distributed.sh when an app stops', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the driver; with `failAfterMs` the first stub exits 3 on its own after that long. */
  async function run(failAfterMs?: number) {
    dir = mkdtempSync(join(tmpdir(), 'sightline-apps-'));
    writeFileSync(join(dir, 'stub.mjs'), STUB);
    writeFileSync(join(dir, 'driver.sh'), DRIVER);
    const ports = [await freePort(), await freePort(), await freePort()];
    const script = spawn('bash', ['driver.sh'], {
      cwd: dir,
      env: {
        ...process.env,
        P1: `${ports[0]}`,
        P2: `${ports[1]}`,
        P3: `${ports[2]}`,
        ...(failAfterMs === undefined
          ? {}
          : { STUB_FAIL_PORT: `${ports[0]}`, STUB_FAIL_AFTER_MS: `${failAfterMs}` }),
      },
    });
    const output = { stdout: '', stderr: '' };
    script.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => script.once('exit', resolve));
    const log = (app: string) => readFileSync(join(dir, '.run/logs', `${app}.log`), 'utf8');
    return { ports, output, exited, log };
  }

  it('names a copy killed with SIGKILL, shows the end of its log, and stops the others', async () => {
    const { ports, output, exited, log } = await run();
    await until(() => output.stdout.includes('ready '), { what: 'every stub ready' });
    const pids = output.stdout.split('ready ')[1]!.trim().split(' ').map(Number);
    process.kill(pids[2]!, 'SIGKILL');

    expect(await exited).toBe(1);
    expect(output.stderr).toContain(`==> beta-2 (pid ${pids[2]}) stopped: killed by SIGKILL`);
    expect(output.stderr).toContain('last lines of .run/logs/beta-2.log:');
    // The last 20 lines of its 30.
    expect(output.stderr).toContain(`| stub on ${ports[2]}: line 30`);
    expect(output.stderr).toContain(`| stub on ${ports[2]}: line 11\n`);
    expect(output.stderr).not.toContain(`: line 10\n`);
    expect(output.stdout).toContain('==> Stopping the apps');
    expect(log('alpha-1')).toContain('got SIGTERM');
    expect(log('beta-1')).toContain('got SIGTERM');
  });

  it('names an app that exits by itself, with its exit code', async () => {
    const { output, exited } = await run(1_500);
    await until(() => output.stdout.includes('ready '), { what: 'every stub ready' });
    const pids = output.stdout.split('ready ')[1]!.trim().split(' ').map(Number);
    expect(await exited).toBe(1);
    expect(output.stderr).toContain(`==> alpha-1 (pid ${pids[0]}) stopped: exit code 3`);
    expect(output.stderr).toContain('| giving up');
  });

  it('names an app that stops before it is ready', async () => {
    const { output, exited } = await run(0);
    expect(await exited).toBe(1);
    expect(output.stdout).not.toContain('ready ');
    expect(output.stderr).toMatch(/==> alpha-1 \(pid \d+\) stopped: exit code 3/);
    expect(output.stderr).toContain('| giving up');
  });
});

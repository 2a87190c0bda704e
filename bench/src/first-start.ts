// A new user's first start: `git clone`, `npm install`, `npm start`, then the owner's account
// made and the signed-in admin app loaded. Each stage is timed from the output `npm start`
// prints; then a restart of the same clone, as every later start is. npm's download cache is
// whatever this machine has (a machine that has installed any Node project before).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record, table } from './lib/report.js';

const root = join(import.meta.dirname, '..', '..');
const OWNER = { email: 'first@example.com', name: 'First', password: 'first start password 1' };

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Runs a command to its end in `cwd`; resolves with how long it took (ms). */
function timed(command: string, args: string[], cwd: string): number {
  const started = Date.now();
  const run = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}`);
  return Date.now() - started;
}

interface Start {
  /** ms from `npm start` to each stage line it printed, and to the admin app answering. */
  stages: Record<string, number>;
  webUrl: string;
  stop(): Promise<void>;
}

/** `npm start` in the clone, on free ports; resolves once it prints the admin app's address. */
function npmStart(cwd: string): Promise<Start> {
  const started = Date.now();
  const ports = Object.fromEntries(
    ['WEB', 'INGEST', 'PROCESSOR', 'CHATBOT', 'ALERTER', 'WEB_OPS', 'INGEST_OPS'].map((name) => [
      `${name}_PORT`,
      '0',
    ]),
  );
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...process.env, ...ports, DEMO_VISITS_PER_MINUTE: '0', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stages: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`npm start exited ${code} before it was up`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        const stage = /^==> (\w+)/.exec(line)?.[1];
        if (stage) stages[stage.toLowerCase()] = Date.now() - started;
        const web = /admin app +(http:\/\/localhost:\d+)$/.exec(line.trim())?.[1];
        if (web && stages.running === undefined) {
          stages.running = Date.now() - started;
          child.removeAllListeners('exit');
          resolve({
            stages,
            webUrl: web,
            stop: () =>
              new Promise((done) => {
                child.once('exit', () => done());
                process.kill(-child.pid!, 'SIGINT');
              }),
          });
        }
      }
    });
  });
}

/** Makes the first owner and loads the admin app signed in; resolves with the time it took. */
async function signIn(webUrl: string, first: boolean): Promise<number> {
  const started = Date.now();
  const headers = { 'content-type': 'application/json', origin: webUrl };
  const answer = first
    ? await fetch(`${webUrl}/api/setup`, { method: 'POST', headers, body: JSON.stringify(OWNER) })
    : await fetch(`${webUrl}/api/login`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
      });
  if (!answer.ok) throw new Error(`sign-in answered ${answer.status}`);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  for (const path of ['/', '/api/sites']) {
    const page = await fetch(`${webUrl}${path}`, { headers: { cookie } });
    if (!page.ok) throw new Error(`${path} answered ${page.status}`);
    await page.text();
  }
  return Date.now() - started;
}

const dir = mkdtempSync(join(tmpdir(), 'sightline-first-start-'));
try {
  const clone = timed('git', ['clone', '-q', root, join(dir, 'sightline')], dir);
  const cwd = join(dir, 'sightline');
  const install = timed('npm', ['install', '--no-audit', '--no-fund'], cwd);
  const first = await npmStart(cwd);
  const firstSignIn = await signIn(first.webUrl, true);
  await first.stop();
  const again = await npmStart(cwd);
  const againSignIn = await signIn(again.webUrl, false);
  await again.stop();

  const firstTotal = clone + install + first.stages.running! + firstSignIn;
  const row = (stage: string, ms: number | undefined) => [
    stage,
    ms === undefined ? '–' : seconds(ms),
  ];
  const build = (start: Start) =>
    start.stages.starting !== undefined && start.stages.building !== undefined
      ? start.stages.starting - start.stages.building
      : undefined;
  const boot = (start: Start) =>
    start.stages.starting === undefined ? undefined : start.stages.running! - start.stages.starting;
  await record(
    'first-start',
    'First start from a fresh clone (npm install && npm start)',
    'npm run bench -- first-start',
    table(
      ['Stage', 'Seconds'],
      [
        row('git clone', clone),
        row('npm install', install),
        row('npm start: build', build(first)),
        row('npm start: start, until the admin app answers', boot(first)),
        row('owner made, signed in, admin app loaded', firstSignIn),
        row('**clone to signed-in admin app**', firstTotal),
        row('restart: npm start until the admin app answers', again.stages.running),
        row('restart: signed in, admin app loaded', againSignIn),
      ],
    ),
    { clone, install, first: first.stages, firstSignIn, again: again.stages, againSignIn },
    'The goal is 90 s from clone to a signed-in admin app on this machine. npm downloads come from its cache when the machine has installed Node projects before, as a fresh clone on a developer machine does.',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

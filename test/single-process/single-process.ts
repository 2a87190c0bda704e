import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { until } from '../until.js';

const root = join(import.meta.dirname, '..', '..');
export const OWNER = { email: 'owner@example.com', password: 'a long enough password' };
/** A browser's user agent: Node's own would be counted as a bot, apart from visitors. */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export type Api = (path: string, init?: RequestInit) => Promise<Response>;

/**
 * `npm start` as a user runs it: the built single process (apps/standalone/dist/main.js) on a
 * data folder, on the same ports through every restart, started, stopped, killed and started
 * again by a test. Run `npx turbo run build --filter=@sightline/standalone...` first.
 */
export class SingleProcess {
  web = '';
  ingest = '';
  processorOps = '';
  chatbotOps = '';
  alerterOps = '';
  /** The admin app's and ingest's readiness and metrics. */
  webOps = '';
  ingestOps = '';
  logs = '';
  private child: ChildProcess | undefined;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  private ports: number[] = [];

  constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.ports.length === 0) for (let i = 0; i < 7; i++) this.ports.push(await freePort());
    const [web, ingest, processor, chatbot, webOps, ingestOps, alerter] = this.ports as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    this.web = `http://127.0.0.1:${web}`;
    this.ingest = `http://127.0.0.1:${ingest}`;
    this.processorOps = `http://127.0.0.1:${processor}`;
    this.chatbotOps = `http://127.0.0.1:${chatbot}`;
    this.alerterOps = `http://127.0.0.1:${alerter}`;
    this.webOps = `http://127.0.0.1:${webOps}`;
    this.ingestOps = `http://127.0.0.1:${ingestOps}`;
    const child = spawn(process.execPath, [join(root, 'apps/standalone/dist/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        WEB_PORT: String(web),
        INGEST_PORT: String(ingest),
        PROCESSOR_PORT: String(processor),
        CHATBOT_PORT: String(chatbot),
        ALERTER_PORT: String(alerter),
        WEB_OPS_PORT: String(webOps),
        INGEST_OPS_PORT: String(ingestOps),
        SIGHTLINE_OWNER_EMAIL: OWNER.email,
        SIGHTLINE_OWNER_PASSWORD: OWNER.password,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      // The tail is enough to tell why a run failed.
      this.logs = (this.logs + chunk.toString()).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.exited = exited;
    this.child = child;
    // A process that stops before it is ready (a port taken meanwhile) fails the start at once,
    // with what it logged, instead of a wait that runs out.
    let ready = false;
    const stoppedEarly = new Promise<never>((_, reject) => {
      void exited.then(({ code, signal }) => {
        if (!ready)
          reject(
            new Error(
              `the single process stopped before it was ready (${code ?? signal}):\n${this.logs.slice(-4_000)}`,
            ),
          );
      });
    });
    await Promise.race([
      until(
        async () => (await fetch(`${this.webOps}/readyz`).catch(() => undefined))?.ok === true,
        { what: 'the single process ready', timeoutMs: 90_000, everyMs: 100 },
      ),
      stoppedEarly,
    ]);
    ready = true;
  }

  /** Sends `signal` and waits for the exit; says how and how long it took. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.child;
    if (!child) throw new Error('not running');
    const started = Date.now();
    child.kill(signal);
    const outcome = await this.exited!;
    this.child = undefined;
    return { ...outcome, ms: Date.now() - started };
  }

  /** kill -9. */
  kill(): Promise<unknown> {
    return this.stop('SIGKILL');
  }

  async signIn(): Promise<Api> {
    const response = await fetch(`${this.web}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.web },
      body: JSON.stringify(OWNER),
    });
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return (path, init = {}) =>
      fetch(`${this.web}${path}`, {
        ...init,
        headers: {
          cookie,
          origin: this.web,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
      });
  }

  /** Creates a site and returns its key. */
  async createSite(api: Api, name: string, origin: string): Promise<string> {
    const created = await api('/api/sites', {
      method: 'POST',
      body: JSON.stringify({ name, origins: [origin] }),
    });
    if (created.status !== 201) throw new Error(`creating a site answered ${created.status}`);
    return ((await created.json()) as { key: string }).key;
  }
}

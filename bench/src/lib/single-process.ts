import { ownerEnv, signInAdmin, type AdminClient } from './admin-client.js';
import { startAppProcess, type AppProcess } from './app-process.js';

export interface SingleProcess {
  process: AppProcess;
  admin: AdminClient;
  /** Each app's port, and the admin app's and ingest's operations ports (readiness, metrics). */
  urls: {
    web: string;
    ingest: string;
    processor: string;
    chatbot: string;
    webOps: string;
    ingestOps: string;
  };
}

/**
 * The single process (npm start) on seven ports from `base` (admin app, ingest, the metrics of
 * the processor, the chatbot, the admin app, ingest and the alerter), ingest's rate limits out of
 * the load generator's way, signed in as the benchmark's owner, with the site "bench" (any origin). `env` may give it a DATA_DIR used
 * before.
 */
export async function startSingleProcess(
  base: number,
  env: Record<string, string> = {},
): Promise<SingleProcess> {
  const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const process = await startAppProcess('standalone', base, {
    ...ownerEnv,
    INGEST_PORT: String(base + 1),
    PROCESSOR_PORT: String(base + 2),
    CHATBOT_PORT: String(base + 3),
    WEB_OPS_PORT: String(base + 4),
    INGEST_OPS_PORT: String(base + 5),
    ALERTER_PORT: String(base + 6),
    INGEST_IP_RATE: '1000000',
    INGEST_SITE_RATE: '10000000',
    ...env,
  });
  const admin = await signInAdmin(process.url);
  // A data folder used before already has it.
  await admin
    .post('/api/sites', { key: 'bench', name: 'Bench', origins: ['*'] })
    .catch((error: unknown) => {
      if (!/answered 409/.test(String(error))) throw error;
    });
  return {
    process,
    admin,
    urls: {
      web: url(0),
      ingest: url(1),
      processor: url(2),
      chatbot: url(3),
      webOps: url(4),
      ingestOps: url(5),
    },
  };
}

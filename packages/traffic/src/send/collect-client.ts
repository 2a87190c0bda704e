import type { Batch, Client, SendOutcome } from './sender.js';

/** Attempts per batch for answers that say "later" (429, 503) or a refused connection. */
const ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /api/collect as the tracker does it (text/plain, no preflight). A batch that ingest turns
 * away for the moment, or that could not reach it, is sent again with the same event ids (so
 * nothing counts twice) — to the next of the ingest addresses, as a load balancer would.
 */
export async function postBatch(
  ingestUrls: readonly string[],
  client: Client,
  batch: Batch,
): Promise<SendOutcome> {
  const body = JSON.stringify({ site: batch.site, sentAt: Date.now(), events: batch.events });
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      const ingestUrl = ingestUrls[(attempt - 1) % ingestUrls.length]!;
      response = await fetch(`${ingestUrl}/api/collect`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': client.userAgent,
          origin: client.origin,
          'x-forwarded-for': client.ip,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
    if (response?.status === 200) {
      const answer = (await response.json()) as { accepted: number; rejected: unknown[] };
      return { accepted: answer.accepted, rejected: answer.rejected.length };
    }
    if (response && response.status !== 429 && response.status !== 503) {
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
    if (attempt >= ATTEMPTS)
      throw new Error(`ingest answered ${response?.status ?? 'nothing'} ${attempt} times`);
    const retryAfter = Number(response?.headers.get('retry-after') ?? 0);
    await sleep(Math.max(retryAfter * 1_000, 250 * 2 ** attempt));
  }
}

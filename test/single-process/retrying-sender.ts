import { randomUUID } from 'node:crypto';
import { BROWSER_UA } from './single-process.js';

export interface SentEvent {
  id: string;
  type: string;
  visitor: string;
  session: string;
  ts: number;
  url: string;
}

/**
 * Visitors that send their events as the tracker does: in batches to POST /api/collect, each
 * batch sent again (same ids) until ingest answers 200 — through refused connections, 503s and
 * restarts. What was acknowledged is exactly what the product promised to keep.
 */
export class RetryingSender {
  /** Events ingest answered 200 for, by id. */
  readonly acknowledged = new Map<string, SentEvent>();
  attempts = 0;
  failures = 0;
  private stopped = false;

  constructor(
    private readonly ingestUrl: () => string,
    private readonly site: string,
    private readonly origin: string,
  ) {}

  /** `visitors` visitors, each sending `batches` batches of `size` events, a batch every `everyMs`. */
  async run(options: {
    visitors: number;
    batches: number;
    size: number;
    everyMs: number;
  }): Promise<void> {
    await Promise.all(
      Array.from({ length: options.visitors }, (_, v) => this.visit(`visitor-${v}`, options)),
    );
  }

  stop(): void {
    this.stopped = true;
  }

  private async visit(
    visitor: string,
    options: { batches: number; size: number; everyMs: number },
  ): Promise<void> {
    for (let b = 0; b < options.batches && !this.stopped; b++) {
      const now = Date.now();
      const events: SentEvent[] = Array.from({ length: options.size }, (_, i) => ({
        id: randomUUID(),
        type: i === 0 ? 'pageview' : 'custom',
        ...(i === 0 ? {} : { name: 'step' }),
        visitor,
        session: `${visitor}-s`,
        ts: now - options.size + i,
        url: `${this.origin}/page-${b % 7}`,
      }));
      await this.deliver(events);
      await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    }
  }

  /** Sends one batch until it is acknowledged (the tracker's retry, faster). */
  private async deliver(events: SentEvent[]): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      this.attempts++;
      try {
        const response = await fetch(`${this.ingestUrl()}/api/collect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
          body: JSON.stringify({ site: this.site, sentAt: Date.now(), events }),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 200) {
          const body = (await response.json()) as { accepted: number };
          if (body.accepted !== events.length)
            throw new Error(`ingest accepted ${body.accepted} of ${events.length}`);
          for (const event of events) this.acknowledged.set(event.id, event);
          return;
        }
        await response.arrayBuffer();
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('ingest accepted')) throw error;
      }
      this.failures++;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

export const newId = () => randomUUID();

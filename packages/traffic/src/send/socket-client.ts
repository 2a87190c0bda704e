import WebSocket from 'ws';
import type { Batch, Client, SendOutcome } from './sender.js';

/** An assistance message pushed to the visitor's page. */
export interface Assistance {
  id: string;
  profileId: string;
  text: string;
}

const ACK_TIMEOUT_MS = 10_000;

/**
 * The live connection of one visitor's page: batches go over it and are acknowledged by number,
 * and the assistant's messages come back on it. When it fails, the caller sends over HTTP.
 */
export class VisitorSocket {
  private readonly ws: WebSocket;
  private readonly open: Promise<void>;
  private readonly waiting = new Map<
    number,
    {
      resolve: (outcome: SendOutcome) => void;
      reject: (error: Error) => void;
      timer: NodeJS.Timeout;
    }
  >();
  private n = 0;

  constructor(
    ingestUrl: string,
    site: string,
    visitor: string,
    client: Client,
    onAssistance: (message: Assistance) => void,
  ) {
    const url = new URL('/ws', ingestUrl.replace(/^http/, 'ws'));
    url.searchParams.set('site', site);
    url.searchParams.set('visitor', visitor);
    this.ws = new WebSocket(url, {
      headers: {
        'user-agent': client.userAgent,
        origin: client.origin,
        'x-forwarded-for': client.ip,
      },
      handshakeTimeout: 10_000,
    });
    this.open = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_, response) =>
        reject(new Error(`ingest refused the socket: ${response.statusCode}`)),
      );
    });
    this.open.catch(() => undefined);
    this.ws.on('message', (data: Buffer) => {
      let frame: {
        t?: string;
        n?: number;
        status?: number;
        accepted?: number;
        rejected?: unknown[];
      } & Partial<Assistance>;
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
      } catch {
        return;
      }
      if (frame.t === 'ack' && typeof frame.n === 'number') {
        const waiting = this.waiting.get(frame.n);
        if (!waiting) return;
        this.waiting.delete(frame.n);
        clearTimeout(waiting.timer);
        if (frame.status === 200)
          waiting.resolve({ accepted: frame.accepted ?? 0, rejected: frame.rejected?.length ?? 0 });
        else waiting.reject(new Error(`ingest answered ${frame.status} on the socket`));
      } else if (frame.t === 'assistance' && frame.id && frame.profileId) {
        onAssistance({ id: frame.id, profileId: frame.profileId, text: frame.text ?? '' });
      }
    });
    this.ws.on('close', () => this.failAll(new Error('socket closed')));
    this.ws.on('error', () => undefined); // reported through open or close
  }

  async send(batch: Batch): Promise<SendOutcome> {
    await this.open;
    const n = ++this.n;
    return new Promise<SendOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(n);
        reject(new Error('no acknowledgement on the socket'));
      }, ACK_TIMEOUT_MS);
      this.waiting.set(n, { resolve, reject, timer });
      this.ws.send(
        JSON.stringify({
          t: 'batch',
          n,
          site: batch.site,
          sentAt: Date.now(),
          events: batch.events,
        }),
        (error) => {
          if (error) this.failAll(error);
        },
      );
    });
  }

  close(): void {
    this.ws.close();
  }

  private failAll(error: Error): void {
    for (const [n, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.waiting.delete(n);
    }
  }
}

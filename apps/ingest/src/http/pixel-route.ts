import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectBatch, type CollectDeps } from '../collect/collect-batch.js';
import { requestOrigin } from './request-facts.js';

/** A transparent 1×1 GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * GET /p.gif?site=KEY[&url=…][&ref=…][&title=…]: a page view from pages (or emails) without
 * JavaScript. The page address defaults to the Referer. No storage is possible, so the visitor
 * is identified as in cookieless mode. The image comes back whatever happens; the status says
 * what did.
 */
export function registerPixelRoute(app: FastifyInstance, deps: CollectDeps): void {
  app.get('/p.gif', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const url = query.url ?? request.headers.referer;
    const outcome = await collectBatch(
      {
        body: {
          site: query.site,
          cookieless: true,
          events: [
            {
              id: randomUUID(),
              type: 'pageview',
              // Replaced by ids derived from the request (cookieless).
              visitor: 'pixel',
              session: 'pixel',
              ts: Date.now(),
              url,
              ...(query.ref ? { referrer: query.ref } : {}),
              ...(query.title ? { title: query.title } : {}),
            },
          ],
        },
        origin: requestOrigin(request.headers),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        receivedAt: Date.now(),
      },
      deps,
    );
    deps.metrics.requests.inc({ route: 'pixel', status: outcome.status });
    if (outcome.status !== 200) {
      reply.header('x-sightline-error', outcome.body.error);
      if (outcome.retryAfter !== undefined) reply.header('retry-after', String(outcome.retryAfter));
    }
    return reply
      .code(outcome.status)
      .header('content-type', 'image/gif')
      .header('cache-control', 'no-store')
      .send(GIF);
  });
}

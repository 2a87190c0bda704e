import type { FastifyInstance, FastifyReply } from 'fastify';
import { collectBatch, type CollectDeps } from '../collect/collect-batch.js';
import type { CollectOutcome } from '../collect/outcome.js';
import { requestOrigin } from './request-facts.js';

export function sendOutcome(reply: FastifyReply, outcome: CollectOutcome): FastifyReply {
  if (outcome.status !== 200 && outcome.retryAfter !== undefined)
    reply.header('retry-after', String(outcome.retryAfter));
  return reply.code(outcome.status).send(outcome.body);
}

/**
 * POST /api/collect: a JSON batch, as application/json or as text/plain (sendBeacon and
 * preflight-free fetch). The page's origin is checked against the site's allowed origins in the
 * collect path; the response itself may be read by any page (it reveals nothing).
 */
export function registerCollectRoute(app: FastifyInstance, deps: CollectDeps): void {
  app.options('/api/collect', (request, reply) => {
    reply
      .header('access-control-allow-origin', request.headers.origin ?? '*')
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .header('vary', 'Origin')
      .code(204)
      .send();
  });
  app.post('/api/collect', async (request, reply) => {
    reply
      .header('access-control-allow-origin', request.headers.origin ?? '*')
      .header('vary', 'Origin');
    const outcome = await collectBatch(
      {
        body: request.body,
        bodyBytes: Number(request.headers['content-length']) || undefined,
        origin: requestOrigin(request.headers),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        receivedAt: Date.now(),
      },
      deps,
    );
    deps.metrics.requests.inc({ route: 'collect', status: outcome.status });
    return sendOutcome(reply, outcome);
  });
}

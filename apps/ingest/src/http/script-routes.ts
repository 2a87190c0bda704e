import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const SCRIPTS = ['sightline.js', 'sightline-live.js'] as const;

/**
 * GET /sightline.js and /sightline-live.js: the tracker, from the built @sightline/tracker
 * package, with a short cache lifetime (so updates reach sites quickly) and an ETag.
 */
export function registerScriptRoutes(app: FastifyInstance): void {
  const require = createRequire(import.meta.url);
  for (const name of SCRIPTS) {
    let body: Buffer | undefined;
    try {
      body = readFileSync(require.resolve(`@sightline/tracker/${name}`));
    } catch {
      body = undefined;
    }
    const etag = body
      ? `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`
      : '';
    app.get(`/${name}`, (request, reply) => {
      if (!body)
        return reply
          .code(404)
          .send({ error: 'not_built', message: `${name} is not built (npm run build)` });
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('etag', etag)
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(body);
    });
  }
}

import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer of the admin app carries: no framing by other sites (clickjacking), no
 * MIME sniffing, no full URL in the Referer sent to other sites, and HSTS when it is served over
 * HTTPS (secure cookies). The CSP here limits framing, plugins, the base URL and form targets;
 * script sources are not restricted yet (the pages' inline bootstrap scripts would need nonces).
 */
export function securityHeaders(app: FastifyInstance, options: { secure: boolean }): void {
  const headers: [string, string][] = [
    [
      'content-security-policy',
      "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    ],
    ['x-frame-options', 'DENY'],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ...(options.secure
      ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
  // On the raw response: the pages are answered by Next.js itself (the reply is hijacked), and
  // Node keeps these when Fastify or Next.js write the rest of the head.
  app.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
  });
}

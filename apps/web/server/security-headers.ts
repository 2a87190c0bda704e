import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * The content security policy of one answer. Scripts run only from this origin or inline with
 * this answer's nonce (Next.js puts it on its own inline scripts), so an injected `<script>` or
 * event-handler attribute never runs. Styles allow inline attributes: the charts set sizes and
 * colours with them, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Headers every answer of the admin app carries: the CSP above, no framing by other sites
 * (clickjacking), no MIME sniffing, no full URL in the Referer sent to other sites, and HSTS when
 * it is served over HTTPS (secure cookies).
 */
export function securityHeaders(app: FastifyInstance, options: { secure: boolean }): void {
  const headers: [string, string][] = [
    ['x-frame-options', 'DENY'],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ...(options.secure
      ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
  // On the raw response: the pages are answered by Next.js itself (the reply is hijacked), and
  // Node keeps these when Fastify or Next.js write the rest of the head.
  app.addHook('onRequest', async (request, reply) => {
    const policy = contentSecurityPolicy(randomBytes(16).toString('base64'));
    // Next.js reads the nonce for its inline scripts from the request's policy.
    request.raw.headers['content-security-policy'] = policy;
    reply.raw.setHeader('content-security-policy', policy);
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
  });
}

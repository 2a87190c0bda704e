import type { IncomingHttpHeaders } from 'node:http';

/**
 * The origin a request came from: the Origin header, or else the origin of its Referer. An opaque
 * origin ("null": a sandboxed frame, a file: or data: page) is kept as "null", which only a site
 * open to any origin accepts.
 */
export function requestOrigin(headers: IncomingHttpHeaders): string | undefined {
  if (typeof headers.origin === 'string') return headers.origin;
  const referer = headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

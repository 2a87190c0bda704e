import type { IncomingHttpHeaders } from 'node:http';

/** The origin a request came from: the Origin header, or else the origin of its Referer. */
export function requestOrigin(headers: IncomingHttpHeaders): string | undefined {
  if (typeof headers.origin === 'string' && headers.origin !== 'null') return headers.origin;
  const referer = headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

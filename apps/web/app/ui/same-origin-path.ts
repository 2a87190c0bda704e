/**
 * `next` as a path of `origin` (path, query and hash), or `/` when it would lead anywhere else:
 * it is resolved as the browser would resolve a link, and must keep the origin.
 */
export function sameOriginPath(next: string | null, origin: string): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  // The path the browser would open: a doubled slash at its start would name a host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') || path.startsWith('/\\') ? '/' : path;
}

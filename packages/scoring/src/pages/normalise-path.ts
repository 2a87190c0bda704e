/** How a site's paths compare: whether `/About` and `/about` are one page. */
export interface PathOptions {
  ignoreCase?: boolean;
}

/** Directory index files a server answers for the folder itself. */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;

/**
 * One spelling per page, so that aliases count as one page and match the same patterns:
 * `/x/`, `/x/index.html` and `//x` are `/x`. Case is folded only where the site says its paths
 * ignore case (most servers treat `/About` and `/about` as two pages).
 */
export function normalisePath(path: string, options: PathOptions = {}): string {
  let normal = path.replace(/\/{2,}/g, '/').replace(INDEX_FILE, '/');
  if (normal.length > 1 && normal.endsWith('/')) normal = normal.replace(/\/+$/, '') || '/';
  if (!normal.startsWith('/')) normal = `/${normal}`;
  return options.ignoreCase ? normal.toLowerCase() : normal;
}

/** A profile's path pattern spelled as the paths it is matched against. */
export function normalisePattern(pattern: string, options: PathOptions = {}): string {
  // A pattern ending in a slash names the folder's page; globs are left as they are.
  return normalisePath(pattern, options);
}

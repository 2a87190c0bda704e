const compiled = new Map<string, RegExp>();

/**
 * A path pattern as a regular expression: `**` matches across segments, `*` within one, the
 * rest literally. Compiled once per pattern.
 */
export function pathRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    const source = pattern
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*'),
      )
      .join('.*');
    regexp = new RegExp(`^${source}$`);
    compiled.set(pattern, regexp);
  }
  return regexp;
}

/** Whether a path matches one of the patterns (no patterns: any path). */
export function matchesPath(patterns: string | string[] | undefined, path: string | undefined) {
  if (patterns === undefined) return true;
  if (path === undefined) return false;
  return (typeof patterns === 'string' ? [patterns] : patterns).some((pattern) =>
    pathRegExp(pattern).test(path),
  );
}

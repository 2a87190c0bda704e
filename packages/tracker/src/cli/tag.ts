/** Adding and removing the Sightline script tag in an HTML document, as pure string edits. */

/** Matches a Sightline tag this tool (or a person following the install page) put in a page. */
const TAG =
  /[ \t]*<script\b[^>]*\bsrc=["'][^"']*\/sightline\.js["'][^>]*>\s*<\/script>[ \t]*\r?\n?/gi;

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function scriptTag(site: string, src: string): string {
  return `<script defer src="${escapeAttribute(src)}" data-site="${escapeAttribute(site)}"></script>`;
}

export function hasTag(html: string): boolean {
  return new RegExp(TAG.source, 'i').test(html);
}

export function removeTag(html: string): string {
  return html.replace(TAG, '');
}

/**
 * Puts the tag at the end of <head>; in a document without one, right after <html …> or before
 * <body …>, else at the very top. A page that already has a Sightline tag gets it replaced, so
 * running the tool twice (or with a new site key) leaves exactly one tag.
 */
export function injectTag(html: string, tag: string): string {
  const clean = removeTag(html);
  const newline = clean.includes('\r\n') ? '\r\n' : '\n';
  const head = /<\/head\s*>/i.exec(clean);
  if (head) {
    const indent = /([ \t]*)<\/head/i.exec(clean)?.[1] ?? '';
    const at = head.index - indent.length;
    return `${clean.slice(0, at)}${indent}  ${tag}${newline}${clean.slice(at)}`;
  }
  const body = /<body\b[^>]*>/i.exec(clean);
  if (body) return `${clean.slice(0, body.index)}${tag}${newline}${clean.slice(body.index)}`;
  const root = /<html\b[^>]*>/i.exec(clean);
  if (root) {
    const at = root.index + root[0].length;
    return `${clean.slice(0, at)}${newline}${tag}${clean.slice(at)}`;
  }
  const doctype = /^\s*<!doctype[^>]*>/i.exec(clean);
  if (doctype) {
    const at = doctype[0].length;
    return `${clean.slice(0, at)}${newline}${tag}${clean.slice(at)}`;
  }
  return `${tag}${newline}${clean}`;
}

import { describe, expect, it } from 'vitest';
import { hasTag, injectTag, removeTag, scriptTag } from '../src/cli/tag.js';

const tag = scriptTag('demo', 'https://stats.example.com/sightline.js');

describe('injectTag', () => {
  it('puts the tag at the end of <head>, keeping the indentation', () => {
    const html =
      '<!doctype html>\n<html>\n  <head>\n    <title>A</title>\n  </head>\n  <body></body>\n</html>\n';
    expect(injectTag(html, tag)).toBe(
      `<!doctype html>\n<html>\n  <head>\n    <title>A</title>\n    ${tag}\n  </head>\n  <body></body>\n</html>\n`,
    );
  });

  it('is idempotent: a second run changes nothing', () => {
    const html = '<html><head><title>A</title></head><body>x</body></html>';
    const once = injectTag(html, tag);
    expect(injectTag(once, tag)).toBe(once);
    expect(once.match(/sightline\.js/g)).toHaveLength(1);
  });

  it('replaces a tag with another site key instead of adding a second', () => {
    const once = injectTag('<head></head>', tag);
    const other = injectTag(once, scriptTag('shop', 'https://stats.example.com/sightline.js'));
    expect(other.match(/sightline\.js/g)).toHaveLength(1);
    expect(other).toContain('data-site="shop"');
  });

  it('handles documents without <head>: before <body>, after <html>, after the doctype, or at the top', () => {
    expect(injectTag('<body><p>x</p></body>', tag)).toBe(`${tag}\n<body><p>x</p></body>`);
    expect(injectTag('<html lang="en"><p>x</p></html>', tag)).toBe(
      `<html lang="en">\n${tag}<p>x</p></html>`,
    );
    expect(injectTag('<!DOCTYPE html><p>x</p>', tag)).toBe(`<!DOCTYPE html>\n${tag}<p>x</p>`);
    expect(injectTag('<p>fragment</p>', tag)).toBe(`${tag}\n<p>fragment</p>`);
  });

  it('keeps Windows line endings', () => {
    expect(injectTag('<head>\r\n</head>\r\n', tag)).toBe(`<head>\r\n  ${tag}\r\n</head>\r\n`);
  });

  it('escapes attribute values', () => {
    expect(scriptTag('demo', 'https://x.example/sightline.js?a="b"&c')).toContain(
      'src="https://x.example/sightline.js?a=&quot;b&quot;&amp;c"',
    );
  });
});

describe('removeTag', () => {
  it('takes out exactly what injectTag put in', () => {
    const html = '<html>\n  <head>\n    <title>A</title>\n  </head>\n</html>\n';
    expect(removeTag(injectTag(html, tag))).toBe(html);
    expect(hasTag(html)).toBe(false);
  });

  it('leaves other scripts alone', () => {
    const html =
      '<head><script src="/app.js"></script><script defer src="/vendor/sightline.jsx"></script></head>';
    expect(removeTag(html)).toBe(html);
  });
});

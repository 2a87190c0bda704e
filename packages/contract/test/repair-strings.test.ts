import { describe, expect, it } from 'vitest';
import { repairStrings, repairText } from '../src/index.js';

const R = '\uFFFD';

describe('repairText', () => {
  it.each([
    ['a lone high surrogate', 'a\ud800b', `a${R}b`],
    ['a lone low surrogate', '\udfff', R],
    ['a high surrogate followed by another character', '\ud800a', `${R}a`],
    ['a high surrogate at the end', 'ab\udbff', `ab${R}`],
    ['two high surrogates before a low one', '\ud800\ud83d\ude00', `${R}\ud83d\ude00`],
    ['a low surrogate before a high one', '\udc00\ud800', `${R}${R}`],
    ['NUL', 'a\u0000b', `a${R}b`],
    ['C0 controls', '\u0001\u0008\u000b\u000c\u000e\u001f', R.repeat(6)],
    ['U+FFFE and U+FFFF', 'a\ufffe\uffff', `a${R}${R}`],
  ])('replaces %s with U+FFFD', (_, text, repaired) => {
    expect(repairText(text)).toBe(repaired);
  });

  it.each([
    ['plain text', 'Lamp — Example Shop'],
    ['pairs (emoji, other planes)', '😀 𝄞 𠀀'],
    ['tab, line feed and carriage return', 'a\tb\nc\r\n'],
    ['DEL and C1 controls', 'a\u007f\u0085\u009f'],
    ['line and paragraph separators', 'a\u2028b\u2029'],
    ['bidi controls and the byte order mark', '\u202eabc\u2066\u2069\ufeff'],
    ['U+FFFD itself and other noncharacters', '\ufffd\ufdd0'],
  ])('keeps %s (every store takes them)', (_, text) => {
    expect(repairText(text)).toBe(text);
  });

  it('never changes the length in UTF-16 units', () => {
    const text = 'x\ud800\u0000\udfff\ufffe😀\u0007';
    expect(repairText(text)).toHaveLength(text.length);
  });
});

describe('repairStrings', () => {
  it('repairs values and keys at every level, arrays included', () => {
    const value = {
      title: 'a\ud800',
      props: { 'k\u0000': 'v\uffff', ok: 1 },
      items: [{ id: 'x', name: '\udc00' }],
      points: [[1, 2, 3]],
    };
    expect(repairStrings(value)).toEqual({
      title: `a${R}`,
      props: { [`k${R}`]: `v${R}`, ok: 1 },
      items: [{ id: 'x', name: R }],
      points: [[1, 2, 3]],
    });
  });

  it('returns the same value when nothing needs repair, and never changes its input', () => {
    const clean = { a: 'x', b: [1, 'y', { c: null }], d: true };
    expect(repairStrings(clean)).toBe(clean);
    const dirty = { keep: { a: 'x' }, fix: ['\u0000'] };
    const repaired = repairStrings(dirty) as typeof dirty;
    expect(dirty.fix[0]).toBe('\u0000');
    expect(repaired.keep).toBe(dirty.keep);
    expect(repaired.fix).toEqual([R]);
  });

  it('keeps the later value when two keys become the same, as JSON.parse does', () => {
    expect(repairStrings({ 'a\ud800': 1, 'a\udfff': 2 })).toEqual({ [`a${R}`]: 2 });
  });

  it('keeps a "__proto__" key a key', () => {
    const parsed = JSON.parse('{"__proto__":"\\u0000","x":1}') as object;
    const repaired = repairStrings(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(repaired)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(repaired, '__proto__')?.value).toBe(R);
  });

  it('ends on cyclic and deeply nested values', () => {
    const cyclic: Record<string, unknown> = { s: '\u0000' };
    cyclic.self = cyclic;
    expect((repairStrings(cyclic) as Record<string, unknown>).s).toBe(R);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => repairStrings(deep)).not.toThrow();
  });
});

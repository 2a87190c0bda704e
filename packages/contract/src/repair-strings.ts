/**
 * Text a browser sends is not always valid Unicode, and some valid characters are refused by the
 * stores: a lone UTF-16 surrogate makes DuckDB refuse the JSON of a whole write, a NUL in a
 * property key makes Elasticsearch refuse the document, and C0 controls, U+FFFE and U+FFFF are not
 * allowed in XML and break line-oriented formats. Ingest repairs such text before it validates an
 * event, so every field of every event (property keys too) is text every store takes.
 *
 * The rule: a lone surrogate (one without its other half), a C0 control other than tab, line feed
 * and carriage return, U+FFFE and U+FFFF each become U+FFFD, as a UTF-8 decoder marks what it
 * cannot read. Replacing rather than removing keeps the mark where the text was damaged, keeps
 * every length in UTF-16 units (so the length limits judge the same string), and keeps fields with
 * a strict pattern (ids, site keys, currencies) refused rather than silently made into another
 * valid value. In UTF-8 a repaired string can grow (a control is one byte, U+FFFD three), so the
 * byte limit is checked on the repaired event.
 */

// Control characters are what these match.
/* eslint-disable no-control-regex */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// A valid pair first (kept as it is), then any other character to replace.
const REPAIRABLE =
  /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;
/* eslint-enable no-control-regex */

const repairOne = (match: string): string => (match.length === 2 ? match : '\uFFFD');

/** The text with lone surrogates and characters the stores refuse replaced by U+FFFD. */
export function repairText(text: string): string {
  // Almost every string is clean: one test, no new string.
  return SUSPECT.test(text) ? text.replace(REPAIRABLE, repairOne) : text;
}

/**
 * Deeper than any field of the contract (its deepest string is `items.N.name`, three levels down):
 * what lies deeper is stripped or refused by the schema anyway, and the bound keeps the walk
 * finite on any input.
 */
const MAX_DEPTH = 8;

/**
 * A JSON value with every string and every object key repaired (see repairText). Returns the
 * value itself when nothing needed repair, and new arrays and objects only along the paths that
 * changed. Two keys that become the same key keep the later value, as JSON.parse does with a
 * repeated key.
 */
export function repairStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return repairText(value);
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const repaired = repairStrings(item, depth + 1);
      if (repaired !== item) (copy ??= [...(value as unknown[])])[i] = repaired;
    }
    return copy ?? value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const repairedKey = repairText(key);
    const repaired = repairStrings(item, depth + 1);
    if (repairedKey !== key || repaired !== item) changed = true;
    return [repairedKey, repaired] as const;
  });
  // fromEntries defines own properties: a "__proto__" key stays a key.
  return changed ? Object.fromEntries(entries) : value;
}

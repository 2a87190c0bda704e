/** A time-series point. Numbers are written as floats so a field never changes type. */
export interface Point {
  measurement: string;
  tags?: Record<string, string | undefined>;
  fields: Record<string, number | string | boolean | undefined>;
  /** Epoch ms. */
  time: number;
  /** Nanoseconds within the millisecond (0–999,999), written only at nanosecond precision. */
  nanos?: number;
}

export type Precision = 'ms' | 'ns';

// Line protocol cannot carry line breaks anywhere; they become spaces.
// Most values need no escaping: test once before building a new string (a hot path).
const noBreaks = (value: string) => (/[\r\n]/.test(value) ? value.replace(/[\r\n]+/g, ' ') : value);
const KEY_SPECIAL = /[\\,= \r\n]/;
const escapeMeasurement = (value: string) => noBreaks(value).replace(/[\\, ]/g, (c) => `\\${c}`);
const escapeKey = (value: string) =>
  KEY_SPECIAL.test(value) ? noBreaks(value).replace(/[\\,= ]/g, (c) => `\\${c}`) : value;
const escapeString = (value: string) => `"${noBreaks(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;

function fieldValue(value: number | string | boolean): string | undefined {
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return escapeString(value);
  if (!Number.isFinite(value)) return undefined; // NaN and ±Infinity have no line protocol form
  return String(value);
}

/**
 * One point as a line of InfluxDB line protocol with millisecond precision. Tags are sorted (as
 * the server prefers) and empty ones dropped (the server refuses them). Returns undefined for a
 * point left without any field.
 */
export function toLine(point: Point, precision: Precision = 'ms'): string | undefined {
  const tags = Object.entries(point.tags ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `,${escapeKey(key)}=${escapeKey(value)}`)
    .join('');
  const fields = Object.entries(point.fields)
    .flatMap(([key, value]) => {
      if (value === undefined) return [];
      const encoded = fieldValue(value);
      return encoded === undefined ? [] : [`${escapeKey(key)}=${encoded}`];
    })
    .join(',');
  if (fields === '') return undefined;
  const time =
    precision === 'ns'
      ? `${Math.trunc(point.time)}${String(Math.trunc(point.nanos ?? 0) % 1_000_000).padStart(6, '0')}`
      : String(Math.trunc(point.time));
  return `${escapeMeasurement(point.measurement)}${tags} ${fields} ${time}`;
}

export function toLines(points: Point[], precision: Precision = 'ms'): string[] {
  return points.flatMap((point) => {
    const line = toLine(point, precision);
    return line === undefined ? [] : [line];
  });
}

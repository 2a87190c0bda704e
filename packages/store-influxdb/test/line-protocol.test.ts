import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteString, toLine } from '../src/index.js';

describe('toLine', () => {
  it('writes measurement, sorted tags, fields and a millisecond timestamp', () => {
    expect(
      toLine({
        measurement: 'window',
        tags: { site: 'shop', data_type: 'aggregated' },
        fields: { pageviews: 12, revenue: 99.5, bounce: false, top: 'home' },
        time: 1_767_225_600_000,
      }),
    ).toBe(
      'window,data_type=aggregated,site=shop pageviews=12,revenue=99.5,bounce=f,top="home" 1767225600000',
    );
  });

  it('writes nanoseconds within the millisecond at nanosecond precision', () => {
    const point = {
      measurement: 'events',
      fields: { count: 1 },
      time: 1_767_225_600_123,
      nanos: 4_567,
    };
    expect(toLine(point, 'ns')).toBe('events count=1 1767225600123004567');
    expect(toLine({ ...point, nanos: undefined }, 'ns')).toBe('events count=1 1767225600123000000');
    expect(toLine(point)).toBe('events count=1 1767225600123');
  });

  it('escapes every special character where the protocol requires it', () => {
    expect(
      toLine({
        measurement: 'my measure,ment',
        tags: { 'tag key': 'a=b,c d\\e' },
        fields: { 'field=key': 'say "hi" \\ bye' },
        time: 1,
      }),
    ).toBe(
      'my\\ measure\\,ment,tag\\ key=a\\=b\\,c\\ d\\\\e field\\=key="say \\"hi\\" \\\\ bye" 1',
    );
  });

  it('turns line breaks into spaces so one point stays one line', () => {
    const line = toLine({
      measurement: 'm',
      tags: { path: '/a\n/b' },
      fields: { t: 'x\r\ny' },
      time: 1,
    })!;
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('m,path=/a\\ /b t="x y" 1');
  });

  it('drops empty tags and non-finite numbers, and a point with no field at all', () => {
    expect(
      toLine({
        measurement: 'm',
        tags: { a: '', b: undefined, c: 'x' },
        fields: { n: 1 },
        time: 5,
      }),
    ).toBe('m,c=x n=1 5');
    expect(
      toLine({ measurement: 'm', fields: { nan: Number.NaN, inf: Infinity, ok: 2 }, time: 5 }),
    ).toBe('m ok=2 5');
    expect(toLine({ measurement: 'm', fields: { nan: Number.NaN }, time: 5 })).toBeUndefined();
  });
});

describe('InfluxQL quoting', () => {
  it('quotes identifiers and strings so input cannot break out', () => {
    expect(quoteIdentifier('my"db')).toBe('"my\\"db"');
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString("x\\' OR 1=1")).toBe("'x\\\\\\' OR 1=1'");
  });
});

import { describe, expect, it } from 'vitest';
import { decideClaims } from '../src/dedupe/decide-claims.js';
import { DEDUPE_SCOPE_MS, earliestOwner, generationOf } from '../src/dedupe/generations.js';

const at = 5 * DEDUPE_SCOPE_MS + 1_000;

describe('decideClaims', () => {
  it('gives a new id to the first message that claims it, and writes it down once', () => {
    const decided = decideClaims(
      [
        { id: 'a', partition: 1, offset: 10, receivedAt: at },
        { id: 'b', partition: 1, offset: 10, receivedAt: at },
        { id: 'a', partition: 1, offset: 12, receivedAt: at + 20_000 },
      ],
      new Map(),
    );
    expect(decided.owned).toEqual([true, true, false]);
    expect(decided.toWrite).toEqual([
      { generation: generationOf(at), id: 'a', owner: '1:10' },
      { generation: generationOf(at), id: 'b', owner: '1:10' },
    ]);
  });

  it('answers "owned" again to the message that owns the id (a replay), "duplicate" to others', () => {
    const decided = decideClaims(
      [
        { id: 'a', partition: 1, offset: 10, receivedAt: at },
        { id: 'a', partition: 3, offset: 99, receivedAt: at },
      ],
      new Map([['a', '1:10']]),
    );
    expect(decided.owned).toEqual([true, false]);
    expect(decided.toWrite).toEqual([]);
  });

  it('writes an id into the generation of its ingest time', () => {
    const later = at + DEDUPE_SCOPE_MS;
    const decided = decideClaims(
      [{ id: 'x', partition: 0, offset: 1, receivedAt: later }],
      new Map(),
    );
    expect(decided.toWrite[0]!.generation).toBe(generationOf(at) + 1);
  });
});

describe('earliestOwner', () => {
  it('takes the claim of the oldest generation that has one', () => {
    expect(earliestOwner([undefined, '2:5', '1:1'])).toBe('2:5');
    expect(earliestOwner([undefined, undefined, undefined])).toBeUndefined();
  });
});

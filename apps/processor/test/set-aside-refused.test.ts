import { deadLetterOf, StoreRefusedError } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { setAsideRefused } from '../src/flush/set-aside-refused.js';

const letterOf = (record: number, reason: string) =>
  deadLetterOf({ stage: 'sessions', reason, record, at: 0 });

/** A store that refuses any batch holding one of `bad`, and records what it took. */
function store(bad: number[]) {
  const taken: number[] = [];
  let writes = 0;
  return {
    taken,
    writes: () => writes,
    write: (records: number[]) => {
      writes++;
      const refused = records.find((r) => bad.includes(r));
      if (refused !== undefined) return Promise.reject(new StoreRefusedError(`bad ${refused}`));
      taken.push(...records);
      return Promise.resolve();
    },
  };
}

describe('setAsideRefused', () => {
  it('writes everything and sets nothing aside when the store takes the batch', async () => {
    const s = store([]);
    expect(await setAsideRefused([1, 2, 3], s.write, letterOf)).toEqual([]);
    expect(s.taken).toEqual([1, 2, 3]);
    expect(s.writes()).toBe(1);
  });

  it('finds the refused records by halving, writes the others, and letters each refused one', async () => {
    const records = Array.from({ length: 100 }, (_, i) => i);
    const s = store([17, 64]);
    const letters = await setAsideRefused(records, s.write, letterOf);
    expect(letters.map((l) => [Number(l.record), l.reason])).toEqual([
      [17, 'bad 17'],
      [64, 'bad 64'],
    ]);
    expect(s.taken.sort((a, b) => a - b)).toEqual(records.filter((r) => r !== 17 && r !== 64));
    // About 2 log2(n) writes per refused record, not n.
    expect(s.writes()).toBeLessThan(40);
  });

  it('never sets anything aside for an outage: the error goes to the caller, who retries', async () => {
    const down = () => Promise.reject(new Error('connect ECONNREFUSED'));
    await expect(setAsideRefused([1, 2], down, letterOf)).rejects.toThrow('ECONNREFUSED');
  });

  it('writes a record refused once but taken the second time (a refusal that passed)', async () => {
    let first = true;
    const flaky = (records: number[]) => {
      if (first && records.length === 1) {
        first = false;
        return Promise.reject(new StoreRefusedError('once'));
      }
      return records.includes(2) && records.length > 1
        ? Promise.reject(new StoreRefusedError('batch'))
        : Promise.resolve();
    };
    expect(await setAsideRefused([1, 2], flaky, letterOf)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { PendingAssistance } from '../src/assistance/pending-assistance.js';

const held = (id: string, expiresAt: number) => ({ id, frame: `frame ${id}`, expiresAt });
const ids = (list: { id: string }[]) => list.map((entry) => entry.id);

describe('assistance held for a socket that is not open yet', () => {
  it('gives a visitor their messages once, without the expired ones', () => {
    const pending = new PendingAssistance();
    pending.hold('s:v1', held('a', 1_000));
    pending.hold('s:v1', held('b', 3_000));
    pending.hold('s:v2', held('c', 3_000));
    expect(pending.take('s:v1', 2_000)).toEqual([held('b', 3_000)]);
    expect(pending.take('s:v1', 2_000)).toEqual([]);
    expect(pending.size).toBe(1);
  });

  it('keeps a few per visitor and drops the oldest visitors beyond its bound', () => {
    const pending = new PendingAssistance(10);
    for (let i = 0; i < 8; i++) pending.hold('s:busy', held(`m${i}`, 9_999));
    expect(ids(pending.take('s:busy', 0))).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
    for (let i = 0; i < 12; i++) pending.hold(`s:v${i}`, held(`m${i}`, 9_999));
    expect(pending.size).toBe(10);
    expect(pending.take('s:v0', 0)).toEqual([]);
    expect(ids(pending.take('s:v11', 0))).toEqual(['m11']);
  });
});

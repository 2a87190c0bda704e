import { describe, expect, it } from 'vitest';
import { PendingAssistance } from '../src/assistance/pending-assistance.js';

const held = (id: string, expiresAt: number, page?: string, fallbackAt = 9_999) => ({
  id,
  frame: `frame ${id}`,
  receivedAt: 0,
  expiresAt,
  ...(page ? { page } : {}),
  fallbackAt,
});
const ids = (list: { id: string }[]) => list.map((entry) => entry.id);

describe('assistance held for a socket that is not open yet', () => {
  it('gives a visitor their messages once, without the expired ones', () => {
    const pending = new PendingAssistance();
    pending.hold('s:v1', held('a', 1_000));
    pending.hold('s:v1', held('b', 3_000));
    pending.hold('s:v2', held('c', 3_000));
    expect(pending.take('s:v1', undefined, 2_000)).toEqual([held('b', 3_000)]);
    expect(pending.take('s:v1', undefined, 2_000)).toEqual([]);
    expect(pending.size).toBe(1);
  });

  it('keeps a few per visitor and drops the oldest visitors beyond its bound', () => {
    const pending = new PendingAssistance(10);
    for (let i = 0; i < 8; i++) pending.hold('s:busy', held(`m${i}`, 9_999));
    expect(ids(pending.take('s:busy', undefined, 0))).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
    for (let i = 0; i < 12; i++) pending.hold(`s:v${i}`, held(`m${i}`, 9_999));
    expect(pending.size).toBe(10);
    expect(pending.take('s:v0', undefined, 0)).toEqual([]);
    expect(ids(pending.take('s:v11', undefined, 0))).toEqual(['m11']);
  });

  it('keeps a message for its own page until that page connects, or until its wait is over', () => {
    const pending = new PendingAssistance();
    pending.hold('s:v', held('for-b', 60_000, 'page-b', 3_000));
    pending.hold('s:v', held('any', 60_000));
    // Another page of the visitor connects first: it gets only what is for any page.
    expect(ids(pending.take('s:v', 'page-a', 1_000))).toEqual(['any']);
    expect(pending.due(1_000)).toEqual([]);
    // The page it is for connects: it gets it.
    expect(ids(pending.take('s:v', 'page-b', 1_500))).toEqual(['for-b']);
    expect(pending.size).toBe(0);
    // A page that never connects: after its wait, the visitor's page that is there takes it.
    pending.hold('s:v', held('for-gone', 60_000, 'page-gone', 3_000));
    expect(pending.due(2_999)).toEqual([]);
    expect(pending.due(3_000)).toEqual(['s:v']);
    expect(ids(pending.take('s:v', 'page-a', 3_000))).toEqual(['for-gone']);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { erasureRequest, type ErasureRecord } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { Erasures, FileConfigStore, watchErasures } from '../src/index.js';

const erasure = (site: string, visitors: string[], at: number): ErasureRecord => ({
  id: randomUUID(),
  site,
  request: { visitor: visitors[0]! },
  visitors,
  by: 'ada@example.com',
  at,
});

describe('erasures', () => {
  it('are asked for by one visitor id or one user id, never both or neither', () => {
    expect(erasureRequest.safeParse({ visitor: 'v1' }).success).toBe(true);
    expect(erasureRequest.safeParse({ userId: 'user-42' }).success).toBe(true);
    expect(erasureRequest.safeParse({}).success).toBe(false);
    expect(erasureRequest.safeParse({ visitor: 'v1', userId: 'u' }).success).toBe(false);
    expect(erasureRequest.safeParse({ visitor: 'not an id!' }).success).toBe(false);
    expect(erasureRequest.safeParse({ visitor: 'v1', site: 'other' }).success).toBe(false);
  });

  it('are kept as the audit log across restarts, and followed by the apps as they come', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sightline-erasures-')), 'config.json');
    const store = new FileConfigStore(path);
    await store.start();
    await new Erasures(store).put(erasure('shop', ['a'], 1_000));
    const feed = watchErasures(store);
    expect(feed.erasedAt('shop', 'a')).toBe(1_000);
    expect(feed.erasedAt('blog', 'a')).toBeUndefined();
    const heard: string[][] = [];
    feed.onErasure((e) => heard.push(e.visitors));
    await new Erasures(store).put(erasure('shop', ['b', 'a'], 2_000));
    expect(heard).toEqual([['b', 'a']]);
    expect(feed.erasedAt('shop', 'a')).toBe(2_000);
    expect(feed.erasedAt('shop', 'b')).toBe(2_000);
    feed.stop();
    const again = new FileConfigStore(path);
    await again.start();
    const log = new Erasures(again).list('shop');
    expect(log.map((e) => [e.at, e.visitors, e.by])).toEqual([
      [1_000, ['a'], 'ada@example.com'],
      [2_000, ['b', 'a'], 'ada@example.com'],
    ]);
    expect(new Erasures(again).list('blog')).toEqual([]);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@sightline/bus';
import { createLogger } from '@sightline/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigChange } from '@sightline/ports';
import { BusConfigStore, FileConfigStore, originAllowed, Sites } from '../src/index.js';

const logger = createLogger('test', 'silent');
const site = (key: string, origins: string[] = ['https://shop.example']) => ({
  key,
  name: key,
  origins,
  createdAt: 1,
});

describe('BusConfigStore', () => {
  let bus: EmbeddedBus;
  const stores: BusConfigStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await bus.close();
  });
  const newStore = async () => {
    const store = new BusConfigStore(bus, 'config', logger);
    stores.push(store);
    await store.start();
    return store;
  };

  it('makes a write visible in the writer at once and in every other process', async () => {
    bus = new EmbeddedBus({ topics: [{ name: 'config', partitions: 1 }], logger });
    const [a, b] = [await newStore(), await newStore()];
    const seen: ConfigChange[] = [];
    b.onChange((change) => seen.push(change));
    await new Sites(a).put(site('shop'));
    expect(new Sites(a).get('shop')?.origins).toEqual(['https://shop.example']);
    await expect.poll(() => new Sites(b).get('shop')?.key).toBe('shop');
    expect(seen).toEqual([{ kind: 'site', id: 'shop', value: site('shop') }]);
  });

  it('catches up with everything written before it started, deletes included', async () => {
    bus = new EmbeddedBus({ topics: [{ name: 'config', partitions: 1 }], logger });
    const writer = await newStore();
    await new Sites(writer).put(site('a'));
    await new Sites(writer).put(site('b'));
    await new Sites(writer).put(site('a', ['*']));
    await new Sites(writer).remove('b');
    const late = await newStore();
    expect(new Sites(late).list().map((s) => [s.key, s.origins])).toEqual([['a', ['*']]]);
  });

  it('ignores records that do not match the site schema', async () => {
    bus = new EmbeddedBus({ topics: [{ name: 'config', partitions: 1 }], logger });
    const store = await newStore();
    await store.put('site', 'broken', { key: 'broken', origins: 'not a list' });
    expect(new Sites(store).get('broken')).toBeUndefined();
    expect(() => new Sites(store).put({ ...site('x'), origins: ['ftp://nope'] })).toThrow();
  });
});

describe('FileConfigStore', () => {
  it('keeps the configuration across restarts in one JSON file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sightline-config-')), 'nested', 'config.json');
    const first = new FileConfigStore(path);
    await first.start();
    await new Sites(first).put(site('shop'));
    await new Sites(first).put(site('blog'));
    await first.remove('site', 'blog');
    const second = new FileConfigStore(path);
    await second.start();
    expect(new Sites(second).list().map((s) => s.key)).toEqual(['shop']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ 'site:shop': site('shop') });
  });
});

describe('originAllowed', () => {
  const shop = site('shop', [
    'https://shop.example',
    'https://*.shop.example',
    'http://localhost:8080',
  ]);
  it.each([
    ['https://shop.example', true],
    ['https://www.shop.example', true],
    ['https://a.b.shop.example', true],
    ['http://localhost:8080', true],
    ['http://shop.example', false],
    ['https://evilshop.example', false],
    ['https://shop.example.evil', false],
    ['http://localhost:8081', false],
  ])('%s → %s', (origin, allowed) => {
    expect(originAllowed(shop, origin)).toBe(allowed);
  });
  it('allows any origin with *', () => {
    expect(originAllowed(site('any', ['*']), 'https://anything.example')).toBe(true);
  });
});

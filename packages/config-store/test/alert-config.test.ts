import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertChannels, AlertRules, FileConfigStore } from '../src/index.js';

const rule = (site: string, id: string) => ({
  id,
  site,
  name: `Rule ${id}`,
  metric: 'js_errors' as const,
  windowMinutes: 1,
  condition: { kind: 'above' as const, threshold: 5 },
});

describe('alert rules and channels in the configuration', () => {
  it('keeps rules per site with their defaults, refuses invalid ones, ignores bad records', async () => {
    const store = new FileConfigStore(join(mkdtempSync(join(tmpdir(), 'alerts-')), 'config.json'));
    await store.start();
    const rules = new AlertRules(store);
    await rules.put(rule('shop', 'errors'));
    await rules.put(rule('blog', 'errors'));
    expect(rules.get('shop', 'errors')).toMatchObject({ cooldownMinutes: 15, autoResolve: true });
    expect(rules.list('shop').map((r) => r.site)).toEqual(['shop']);
    expect(rules.list()).toHaveLength(2);
    await expect(rules.put({ ...rule('shop', 'bad'), windowMinutes: 90 })).rejects.toThrow();
    await store.put('alert-rule', 'shop:junk', { id: 'junk' });
    expect(rules.list()).toHaveLength(2);
    await rules.remove('shop', 'errors');
    expect(rules.get('shop', 'errors')).toBeUndefined();

    const channels = new AlertChannels(store);
    await channels.put({ id: 'team', name: 'Team', type: 'email', to: ['ops@example.com'] });
    await expect(
      channels.put({ id: 'hook', name: 'Hook', type: 'webhook', url: 'ftp://x', secret: 'x' }),
    ).rejects.toThrow();
    expect(channels.list().map((c) => c.id)).toEqual(['team']);
    await store.close();
  });
});

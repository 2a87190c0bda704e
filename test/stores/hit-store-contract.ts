import type { ProfileHit } from '@sightline/contract';
import type { HitStore } from '@sightline/ports';
import { expect, it } from 'vitest';

/** A profile hit of `visitor` for `profileId`, decided at `firedAt`. */
export const profileHitFixture = (
  visitor: string,
  profileId: string,
  firedAt: number,
  site = 'shop',
): ProfileHit => ({
  v: 1,
  id: `${site}:${visitor}:${profileId}:1`,
  site,
  visitor,
  session: `s-${visitor}`,
  profileId,
  score: 0.8,
  threshold: 0.7,
  evidence: [{ id: 'pricing', contribution: 2.1, weight: 1 }],
  outcome: 'sent',
  messageId: `m-${visitor}`,
  eventId: `e-${visitor}-${profileId}`,
  eventTs: firedAt - 5,
  receivedAt: firedAt - 3,
  firedAt,
});

/** What every HitStore must do: the same tests run against Elasticsearch and the embedded store. */
export function hitStoreContract(setup: () => { hits: HitStore; refresh: () => Promise<void> }) {
  it('keeps one hit per id, answers newest first by site, range and profile', async () => {
    const { hits, refresh } = setup();
    const t = 1_800_000_000_000;
    const a = profileHitFixture('a', 'buyer', t);
    await hits.writeHits([
      a,
      profileHitFixture('b', 'buyer', t + 1_000),
      profileHitFixture('c', 'lost', t + 2_000),
      profileHitFixture('d', 'buyer', t + 3_000, 'other-site'),
      profileHitFixture('e', 'buyer', t + 60_000),
    ]);
    await hits.writeHits([{ ...a, outcome: 'holdout' }]);
    await refresh();
    const range = { from: t, to: t + 60_000 };
    const all = await hits.hits({ site: 'shop', range, limit: 10 });
    expect(all.map((hit) => hit.visitor)).toEqual(['c', 'b', 'a']);
    expect(all[2]).toEqual({ ...a, outcome: 'holdout' });
    const buyer = await hits.hits({ site: 'shop', range, profileId: 'buyer', limit: 10 });
    expect(buyer.map((hit) => hit.visitor)).toEqual(['b', 'a']);
    expect(await hits.hits({ site: 'shop', range, limit: 1 })).toHaveLength(1);
  });

  it('erases the hits of the visitors named, on that site only', async () => {
    const { hits, refresh } = setup();
    const t = 1_800_100_000_000;
    await hits.writeHits([
      profileHitFixture('gone', 'buyer', t, 'erasing'),
      profileHitFixture('gone', 'lost', t + 1, 'erasing'),
      profileHitFixture('also-gone', 'buyer', t + 2, 'erasing'),
      profileHitFixture('kept', 'buyer', t + 3, 'erasing'),
      profileHitFixture('gone', 'buyer', t + 4, 'other-erasing'),
    ]);
    await refresh();
    expect(await hits.erase('erasing', ['gone', 'also-gone', 'never-seen'])).toBe(3);
    await refresh();
    const range = { from: t, to: t + 10 };
    const left = async (site: string) =>
      (await hits.hits({ site, range, limit: 10 })).map((hit) => hit.visitor);
    expect(await left('erasing')).toEqual(['kept']);
    expect(await left('other-erasing')).toEqual(['gone']);
    expect(await hits.erase('erasing', ['gone'])).toBe(0);
  });
}

import type { CollectedEvent } from '@sightline/contract';
import { seededRandom } from '@sightline/traffic';

/** The traffic generator's seeded PRNG: the same seed gives the same stream. */
export { seededRandom as prng } from '@sightline/traffic';

export interface Message {
  offset: number;
  events: CollectedEvent[];
  /** A clock message (no events): ingest time on the partition. */
  clock?: number;
}

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const TYPES = [
  'pageview',
  'pageview',
  'pageview',
  'click',
  'scroll',
  'heartbeat',
  'custom',
  'purchase',
] as const;

/**
 * One partition's messages, as ingest would produce them for a few sites and visitors over some
 * minutes of ingest time — with what the processor must cope with: events out of order in event
 * time, repeated event ids (client retries, replays), late events (an offline queue), bots, long
 * pauses that end visits, and visitors starting new tracker sessions.
 */
export function generateStream(seed: number, messages: number): Message[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const out: Message[] = [];
  const sent: CollectedEvent[] = [];
  let now = T0;
  const trackerSession = new Map<string, number>();
  for (let offset = 0; offset < messages; offset++) {
    // Ingest time moves on, sometimes with a long pause (visits end, windows close).
    now += random() < 0.01 ? 40_000 + Math.floor(random() * 60_000) : Math.floor(random() * 400);
    if (random() < 0.03) {
      out.push({ offset, events: [], clock: now });
      continue;
    }
    if (random() < 0.04 && sent.length > 0) {
      // A message repeated whole (a client retry that reached the bus twice).
      const again = pick(sent.slice(-50));
      out.push({ offset, events: [{ ...again }] });
      continue;
    }
    const site = pick(['shop', 'blog']);
    const visitor = `v${Math.floor(random() * 60)}`;
    const key = `${site}:${visitor}`;
    if (random() < 0.02) trackerSession.set(key, (trackerSession.get(key) ?? 0) + 1);
    const bot = random() < 0.03;
    const count = 1 + Math.floor(random() * 3);
    const events: CollectedEvent[] = [];
    for (let i = 0; i < count; i++) {
      const type = pick(TYPES);
      // Event time: near ingest time, out of order by a few seconds; now and then very late.
      const ts =
        random() < 0.01
          ? now - 120_000 - Math.floor(random() * 60_000)
          : now - Math.floor(random() * 8_000);
      const base = {
        id: `e${offset}-${i}-${Math.floor(random() * 1e9)}`,
        visitor,
        session: `${visitor}-s${trackerSession.get(key) ?? 0}`,
        page: `p${Math.floor(random() * 30)}`,
        ts,
        url: `https://${site}.example/${pick(['', 'a', 'b', 'c'])}`,
        v: 1 as const,
        site,
        receivedAt: now,
        clientTs: ts,
        path: `/${pick(['', 'a', 'b', 'c'])}`,
        personalisation: true,
        device: pick(['desktop', 'mobile'] as const),
        bot,
        channel: pick(['direct', 'search', 'referral'] as const),
        referrerHost: pick(['google.com', 'news.example', undefined]),
        country: pick(['GB', 'FR', undefined]),
        os: pick(['Linux', 'iOS', undefined]),
        utm: pick([{ source: 'newsletter', campaign: 'spring' }, { source: 'ads' }, undefined]),
      };
      const event =
        type === 'pageview'
          ? { ...base, type, first: random() < 0.1 }
          : type === 'click'
            ? { ...base, type, x: 1, y: 2, tag: 'button' }
            : type === 'scroll'
              ? { ...base, type, depth: Math.floor(random() * 101), direction: 'down' as const }
              : type === 'heartbeat'
                ? { ...base, type, visibleMs: 15_000, activeMs: Math.floor(random() * 15_000) }
                : type === 'custom'
                  ? { ...base, type, name: 'signup' }
                  : {
                      ...base,
                      type,
                      orderId: `o${Math.floor(random() * 40)}`,
                      value: Math.floor(random() * 10_000) / 100,
                      currency: pick(['EUR', 'USD']),
                    };
      events.push(event);
    }
    sent.push(...events);
    out.push({ offset, events });
  }
  // An hour later, the clock: every visit has ended and every window is final.
  out.push({ offset: out.length, events: [], clock: now + 3_600_000 });
  return out;
}

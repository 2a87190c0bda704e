/** A source of numbers in [0, 1). Seeded in tests, so a visit's plan can be checked exactly. */
export type Random = () => number;

/** mulberry32: small, fast and good enough for simulated behaviour (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const chance = (random: Random, p: number): boolean => random() < p;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One of the entries, each as likely as its weight. */
export function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of entries) {
    at -= weight;
    if (at < 0) return value;
  }
  return entries.at(-1)![0];
}

const zipfTables = new Map<string, number[]>();

/**
 * An index in [0, n) with Zipf's law (exponent s): a few items get most of the picks, as pages
 * and products do on real sites.
 */
export function zipf(random: Random, n: number, s = 1.1): number {
  const key = `${n}:${s}`;
  let cumulative = zipfTables.get(key);
  if (!cumulative) {
    let sum = 0;
    cumulative = Array.from({ length: n }, (_, i) => (sum += 1 / (i + 1) ** s));
    cumulative = cumulative.map((c) => c / sum);
    zipfTables.set(key, cumulative);
  }
  const u = random();
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A log-normal duration around `median` (heavy right tail: most reads are short, some long). */
export function logNormal(random: Random, median: number, sigma = 0.8): number {
  // Box–Muller; 1 - random() keeps the logarithm finite.
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * normal);
}

/** A whole number in [min, max]. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

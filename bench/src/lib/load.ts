import { randomUUID } from 'node:crypto';

/** Events per request: a tracker batch of one visitor. */
export const PER_REQUEST = 20;

export const BENCH_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/**
 * A tracker batch of one visitor from a pool of 20,000 on site "bench": a page view, then clicks,
 * scrolls and a heartbeat — the mix a real page sends. Ids are new each time, so nothing is a
 * duplicate.
 */
export function loadBatch(): string {
  const visitor = Math.floor(Math.random() * 20_000);
  const product = Math.floor(Math.random() ** 3 * 300); // a few pages get most of the views
  const now = Date.now();
  const envelope = (type: string, extra: string) =>
    `{"id":"${randomUUID()}","type":"${type}","visitor":"v-${visitor}","session":"s-${visitor}","page":"p-${visitor}-${product}","ts":${now},"url":"https://shop.example/products/${product}","referrer":"https://www.google.com/","title":"Product ${product}","lang":"en-GB","tz":"GMT+0100","screen":"1920x1080","viewport":"1280x720"${extra}}`;
  const events = [envelope('pageview', '')];
  for (let i = 1; i < PER_REQUEST; i++) {
    if (i % 4 === 0)
      events.push(envelope('scroll', `,"depth":${Math.min(100, i * 5)},"direction":"down"`));
    else if (i === PER_REQUEST - 1)
      events.push(envelope('heartbeat', ',"visibleMs":15000,"activeMs":9000'));
    else events.push(envelope('click', `,"x":${i * 10},"y":${i * 20},"tag":"button"`));
  }
  return `{"site":"bench","sentAt":${now},"events":[${events.join(',')}]}`;
}

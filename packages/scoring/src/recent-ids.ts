/**
 * The last event ids a visitor sent, to score a re-sent event once. Kept as 53-bit hashes in a
 * fixed ring (1 KiB a visitor), not as strings in a Set (tens of KiB once full): a chatbot
 * holds hundreds of thousands of visitors. Two ids sharing a hash within one visitor's last
 * `capacity` events (odds near 2^-40) would only skip scoring one event.
 */
export class RecentIds {
  private readonly ring: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity = 128) {
    this.ring = new Float64Array(capacity);
  }

  /** True when `id` is among the last ids added; otherwise adds it and returns false. */
  seenOrAdd(id: string): boolean {
    const hash = hash53(id);
    for (let i = 0; i < this.filled; i++) if (this.ring[i] === hash) return true;
    this.ring[this.next] = hash;
    this.next = (this.next + 1) % this.ring.length;
    this.filled = Math.min(this.filled + 1, this.ring.length);
    return false;
  }
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

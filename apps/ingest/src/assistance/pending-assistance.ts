/** A message waiting for its visitor's socket: its id, the frame to send, when it expires. */
export interface Held {
  id: string;
  frame: string;
  expiresAt: number;
}

/** Messages kept per visitor while no socket of theirs is open here. */
const PER_VISITOR = 5;

/**
 * Assistance messages for visitors without an open socket on this node, kept until they expire:
 * the page view that triggers a message is often sent before the page's socket connects, and a
 * visitor moving to the next page reconnects. Bounded: the oldest visitors go first.
 */
export class PendingAssistance {
  private readonly byVisitor = new Map<string, Held[]>();
  private count = 0;

  constructor(private readonly max = 10_000) {}

  get size(): number {
    return this.count;
  }

  hold(key: string, held: Held): void {
    const list = this.byVisitor.get(key) ?? [];
    this.byVisitor.delete(key); // re-inserted last: the Map's order is the age order
    list.push(held);
    this.count++;
    if (list.length > PER_VISITOR) {
      list.shift();
      this.count--;
    }
    this.byVisitor.set(key, list);
    while (this.count > this.max) {
      const [oldest, frames] = this.byVisitor.entries().next().value!;
      this.byVisitor.delete(oldest);
      this.count -= frames.length;
    }
  }

  /** The visitor's messages not yet expired, removed from the store. */
  take(key: string, now: number): Held[] {
    const list = this.byVisitor.get(key);
    if (!list) return [];
    this.byVisitor.delete(key);
    this.count -= list.length;
    return list.filter((entry) => entry.expiresAt > now);
  }
}

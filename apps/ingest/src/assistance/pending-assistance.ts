/** A message waiting for its page's socket. */
export interface Held {
  id: string;
  frame: string;
  /** When ingest received the event that completed the profile. */
  receivedAt: number;
  expiresAt: number;
  /** The page view it is addressed to (none: any page of the visitor). */
  page?: string;
  /** From then on, any page of the visitor may show it: its own page is taken to be gone. */
  fallbackAt: number;
}

/** Messages kept per visitor while no socket of the right page is open here. */
const PER_VISITOR = 5;

/**
 * Assistance messages waiting for the socket of the page they are addressed to: the page view
 * that triggers a message is often sent before its page's socket connects, and a visitor moving
 * to the next page reconnects. Bounded: the oldest visitors go first.
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

  /**
   * The visitor's messages a socket on page view `page` may show now, removed from the store:
   * those addressed to that page, to no page, or past their fallback time. Expired ones go too.
   */
  take(key: string, page: string | undefined, now: number): Held[] {
    const list = this.byVisitor.get(key);
    if (!list) return [];
    const taken: Held[] = [];
    const kept = list.filter((held) => {
      if (held.expiresAt <= now) return false;
      if (held.page === undefined || held.page === page || held.fallbackAt <= now) {
        taken.push(held);
        return false;
      }
      return true;
    });
    this.count -= list.length - kept.length;
    if (kept.length === 0) this.byVisitor.delete(key);
    else this.byVisitor.set(key, kept);
    return taken;
  }

  /** Visitors with a message whose own page did not come in time. */
  due(now: number): string[] {
    const keys: string[] = [];
    for (const [key, list] of this.byVisitor)
      if (list.some((held) => held.fallbackAt <= now)) keys.push(key);
    return keys;
  }
}

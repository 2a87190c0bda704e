/** What the assistant keeps of one page view of a visitor. */
export interface PageView {
  id: string;
  /** The browser tab it was opened in (a tab's next page view ends it). */
  tab: string;
  /** Event time and ingest time of its first event (its page view, normally). */
  ts: number;
  receivedAt: number;
  /** Active time on it from heartbeats, bounded by the time it has been open. */
  activeMs: number;
  /** Set once the visitor has moved on from it in its tab. */
  leftAt?: { ts: number; receivedAt: number };
}

/** Page views kept per visitor: evidence of older ones is forgotten with them. */
export const PAGES_KEPT = 16;

/**
 * Ingest times come in the tracker's batches (up to about a second late, several events at
 * once): time measured on them is allowed this much more than it shows.
 */
export const BATCH_SLACK_MS = 2_000;

/**
 * How long a page view has been (or was) open at an event: its event time elapsed, but no more
 * than the server saw pass (plus the batching slack) — a page cannot claim time it did not have.
 */
export function openFor(page: PageView, at: { ts: number; receivedAt: number }): number {
  const end = page.leftAt ?? at;
  return Math.max(0, Math.min(end.ts - page.ts, end.receivedAt - page.receivedAt + BATCH_SLACK_MS));
}

/**
 * A visitor's page views by id, the latest of each tab, and a bound on how many are kept. Events
 * without a page id count as one page per path; events without a tab id share one tab.
 */
export class PageViews {
  private readonly pages = new Map<string, PageView>();
  private readonly current = new Map<string, string>();

  get size(): number {
    return this.pages.size;
  }

  get(id: string): PageView | undefined {
    return this.pages.get(id);
  }

  /**
   * The page view of an event, created on first sight. A page view event ends the page its tab
   * was on: that one is returned as `left`. Page views pushed out by the bound are in `dropped`.
   */
  see(
    id: string,
    tab: string,
    at: { ts: number; receivedAt: number },
    isPageView: boolean,
  ): { page: PageView; left?: PageView; dropped: string[] } {
    let page = this.pages.get(id);
    let left: PageView | undefined;
    const dropped: string[] = [];
    if (!page) {
      page = { id, tab, ts: at.ts, receivedAt: at.receivedAt, activeMs: 0 };
      this.pages.set(id, page);
      while (this.pages.size > PAGES_KEPT) {
        const oldest = this.pages.keys().next().value!;
        this.pages.delete(oldest);
        dropped.push(oldest);
      }
    }
    if (isPageView) {
      const previous = this.current.get(tab);
      if (previous !== undefined && previous !== id) {
        left = this.pages.get(previous);
        if (left && !left.leftAt) left.leftAt = { ts: at.ts, receivedAt: at.receivedAt };
      }
      this.current.set(tab, id);
    }
    return { page, ...(left ? { left } : {}), dropped };
  }

  /** Adds a heartbeat's active time, no more than the page has been open for. */
  addActive(page: PageView, activeMs: number, at: { ts: number; receivedAt: number }): void {
    page.activeMs = Math.min(page.activeMs + activeMs, openFor(page, at));
  }

  clear(): void {
    this.pages.clear();
    this.current.clear();
  }
}

/** Distinct visitors per site seen within the last few minutes of ingest time ("visitors now"). */
export class ActiveVisitors {
  private readonly lastSeen = new Map<string, Map<string, number>>();

  constructor(private readonly windowMs: number) {}

  seen(site: string, visitor: string, at: number): void {
    let visitors = this.lastSeen.get(site);
    if (!visitors) this.lastSeen.set(site, (visitors = new Map<string, number>()));
    visitors.set(visitor, Math.max(visitors.get(visitor) ?? 0, at));
  }

  /** Counts the site's active visitors at `now`, forgetting those gone quiet. */
  count(site: string, now: number): number {
    const visitors = this.lastSeen.get(site);
    if (!visitors) return 0;
    for (const [visitor, at] of visitors) if (now - at > this.windowMs) visitors.delete(visitor);
    return visitors.size;
  }

  sites(): string[] {
    return [...this.lastSeen.keys()];
  }
}

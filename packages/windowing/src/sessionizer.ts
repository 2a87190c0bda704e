import type { CollectedEvent, SessionRecord } from '@sightline/contract';

/**
 * Visits of the visitors of one partition. A visit ends after `timeoutMs` without events,
 * measured on ingest time: an event that was queued offline joins the visit it arrives in, and
 * the split does not depend on the order of event times. Events arrive per visitor in offset
 * order, so a visit is a run of offsets: it knows the last offset it counted, and after a restart
 * it is restored from its record and skips the events it already holds.
 */
export class Sessionizer {
  private readonly current = new Map<string, SessionRecord>();
  private readonly changed = new Set<SessionRecord>();
  /** Highest offset already counted per visitor (restored records): replays below it are skipped. */
  private readonly counted = new Map<string, number>();
  /** First events of restored visits: replaying them still marks a visit start for its window. */
  private readonly restoredStarts = new Set<string>();

  constructor(
    private readonly partition: number,
    private readonly timeoutMs: number,
  ) {}

  /** Takes back visits stored before a restart: those open, and those the replay will cross. */
  restore(records: SessionRecord[]): void {
    for (const record of records) {
      const key = `${record.site}:${record.visitor}`;
      this.counted.set(key, Math.max(this.counted.get(key) ?? -1, record.lastOffset));
      this.restoredStarts.add(record.startEvent);
      if (record.status === 'open') {
        const existing = this.current.get(key);
        if (!existing || existing.startOffset < record.startOffset)
          this.current.set(key, { ...record });
      }
    }
  }

  /**
   * Counts an event of a visitor (bots are not visitors). Says whether it starts a visit, and
   * returns the visitor's previous visit if this event ends it; `endWindowOf` says which window
   * counts that end (see endIdle).
   */
  apply(
    event: CollectedEvent,
    offset: number,
    endWindowOf: (endedAt: number) => number,
  ): { started: boolean; ended?: SessionRecord } {
    const key = `${event.site}:${event.visitor}`;
    if (offset <= (this.counted.get(key) ?? -1))
      return { started: this.restoredStarts.has(event.id) };

    let session = this.current.get(key);
    let ended: SessionRecord | undefined;
    if (session && event.receivedAt - session.lastSeen >= this.timeoutMs) {
      // Away too long (and not yet ended by the idle check, which runs once a second).
      const endedAt = session.lastSeen + this.timeoutMs;
      this.end(key, session, endedAt, endWindowOf(endedAt));
      ended = session;
      session = undefined;
    }
    const started = !session;
    if (!session) {
      session = {
        id: `${this.partition}-${offset}`,
        site: event.site,
        visitor: event.visitor,
        trackerSession: event.session,
        partition: this.partition,
        startOffset: offset,
        startEvent: event.id,
        lastOffset: offset,
        start: event.ts,
        end: event.ts,
        lastSeen: event.receivedAt,
        events: 0,
        pageviews: 0,
        channel: event.channel,
        device: event.device,
        ...(event.referrer ? { referrer: event.referrer } : {}),
        ...(event.referrerHost ? { referrerHost: event.referrerHost } : {}),
        ...(event.utm ? { utm: event.utm } : {}),
        ...(event.browser ? { browser: event.browser } : {}),
        ...(event.os ? { os: event.os } : {}),
        ...(event.country ? { country: event.country } : {}),
        ...(event.ip ? { ip: event.ip } : {}),
        purchases: 0,
        revenue: {},
        activeMs: 0,
        status: 'open',
        durationMs: 0,
      };
      this.current.set(key, session);
    }
    session.lastOffset = offset;
    session.events++;
    session.start = Math.min(session.start, event.ts);
    session.end = Math.max(session.end, event.ts);
    session.lastSeen = Math.max(session.lastSeen, event.receivedAt);
    session.durationMs = session.end - session.start;
    if (event.type === 'pageview') {
      session.pageviews++;
      session.entryPath ??= event.path;
      session.exitPath = event.path;
    } else if (event.type === 'heartbeat') {
      session.activeMs += event.activeMs;
    } else if (event.type === 'purchase') {
      session.purchases++;
      session.revenue[event.currency] = (session.revenue[event.currency] ?? 0) + event.value;
    }
    this.changed.add(session);
    return ended ? { started, ended } : { started };
  }

  /**
   * Ends the visits idle at ingest time `now`, and returns them. `endWindowOf` says which window
   * counts each end (the window of its end time, or the earliest still open).
   */
  endIdle(now: number, endWindowOf: (endedAt: number) => number): SessionRecord[] {
    const ended: SessionRecord[] = [];
    for (const [key, session] of this.current) {
      if (now - session.lastSeen >= this.timeoutMs) {
        const endedAt = session.lastSeen + this.timeoutMs;
        this.end(key, session, endedAt, endWindowOf(endedAt));
        ended.push(session);
      }
    }
    return ended;
  }

  /**
   * Forgets the visits of erased visitors ("site:visitor" keys): open ones are never written or
   * ended again. Says whether it held any of them.
   */
  forget(keys: ReadonlySet<string>): boolean {
    let held = false;
    for (const key of keys) {
      if (this.current.delete(key)) held = true;
      this.counted.delete(key);
    }
    for (const record of this.changed)
      if (keys.has(`${record.site}:${record.visitor}`)) {
        this.changed.delete(record);
        held = true;
      }
    return held;
  }

  /** Visits changed since the last call, as copies: they may be written while reading goes on. */
  takeChanged(): SessionRecord[] {
    const records = [...this.changed].map((record) => ({
      ...record,
      revenue: { ...record.revenue },
    }));
    this.changed.clear();
    return records;
  }

  get open(): number {
    return this.current.size;
  }

  private end(key: string, session: SessionRecord, endedAt: number, endWindow: number): void {
    session.status = 'ended';
    session.endedAt = endedAt;
    session.endWindow = endWindow;
    session.bounce = session.pageviews <= 1;
    this.current.delete(key);
    this.changed.add(session);
  }
}

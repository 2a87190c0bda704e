import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileConfig, type CollectedEvent, type ProfileConfig } from '@sightline/contract';

/** The university example pack's four profiles, validated by the contract. */
export function universityProfiles(): ProfileConfig[] {
  const path = join(import.meta.dirname, '..', '..', 'examples', 'university', 'profiles.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as unknown[]).map((p) => profileConfig.parse(p));
}

/**
 * A visitor browsing: each call makes the next event of one visit, a few seconds after the last,
 * with a new page id on each page view (as the tracker does).
 */
export class Browsing {
  private ts: number;
  private page: string = randomUUID();
  private path = '/';
  /** The browser tab the next events come from (page views of one tab end each other). */
  tab = 'tab-1';
  /** Fields every next event carries too (`bot`, a user agent's flags…). */
  extra: Record<string, unknown> = {};
  readonly events: CollectedEvent[] = [];
  private readonly pageOfTab = new Map<string, { page: string; path: string }>();

  constructor(
    readonly visitor = `visitor-${randomUUID().slice(0, 8)}`,
    start = Date.UTC(2026, 10, 23, 9, 0, 0),
    private session = 'session-1',
    private readonly personalisation = true,
  ) {
    this.ts = start;
  }

  private event(type: string, extra: Record<string, unknown>, advanceMs = 5_000): CollectedEvent {
    this.ts += advanceMs;
    const event = {
      id: randomUUID(),
      type,
      visitor: this.visitor,
      session: this.session,
      page: this.page,
      tab: this.tab,
      ts: this.ts,
      url: `https://www.aui.example${this.path}`,
      path: this.path,
      v: 1,
      site: 'university',
      receivedAt: this.ts,
      clientTs: this.ts,
      device: 'desktop',
      bot: false,
      channel: 'direct',
      personalisation: this.personalisation,
      ...this.extra,
      ...extra,
    } as unknown as CollectedEvent;
    this.events.push(event);
    return event;
  }

  open(path: string, advanceMs?: number): CollectedEvent {
    this.page = randomUUID();
    this.path = path;
    this.pageOfTab.set(this.tab, { page: this.page, path });
    return this.event('pageview', {}, advanceMs);
  }

  /** Goes on in another tab (its own page views); `open` there starts its first page. */
  switchTab(tab: string): void {
    this.tab = tab;
    const current = this.pageOfTab.get(tab);
    if (current) ({ page: this.page, path: this.path } = current);
  }

  /** A new visit (the tracker's session), `afterMs` after the last event. */
  newVisit(session: string, afterMs = 3_600_000): void {
    this.session = session;
    this.ts += afterMs;
  }

  scroll(depth: number, reversals = 0, advanceMs = 2_000): CollectedEvent {
    return this.event('scroll', { depth, direction: 'down', reversals }, advanceMs);
  }

  heartbeat(activeMs: number, advanceMs = 15_000): CollectedEvent {
    return this.event('heartbeat', { visibleMs: advanceMs, activeMs }, advanceMs);
  }

  dismissed(profileId: string, never = false): CollectedEvent {
    return this.event('assistance_dismissed', {
      messageId: 'm-1',
      profileId,
      ...(never ? { never: true } : {}),
    });
  }

  wait(ms: number): void {
    this.ts += ms;
  }
}

/** A visitor's path through the demo site for each profile of Table 1, and one for none. */
export function tableOneVisits() {
  const programme = new Browsing('v-programme');
  programme.open('/admissions/graduates.html');
  for (const name of ['mba', 'finance']) {
    programme.open(`/admissions/graduates/programs/${name}.html`);
    programme.scroll(50);
  }
  const lost = new Browsing('v-lost');
  lost.open('/admissions/requirements.html');
  for (let reversals = 1; reversals <= 4; reversals++) lost.scroll(40, reversals);
  for (let i = 0; i < 12; i++) lost.heartbeat(15_000);
  const applying = new Browsing('v-applying');
  for (const page of ['programs/law.html', 'tuition-fees.html', 'tests.html'])
    applying.open(`/admissions/undergraduates/${page}`);
  const scholarship = new Browsing('v-scholarship');
  for (const page of ['merit', 'need-based', 'athletics'])
    scholarship.open(`/admissions/aid-scholarships/${page}.html`);
  const none = new Browsing('v-none');
  for (const page of ['/', '/news.html', '/campus-life.html']) none.open(page);
  return { programme, lost, applying, scholarship, none };
}

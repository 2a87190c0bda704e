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
  private page = randomUUID();
  private path = '/';
  readonly events: CollectedEvent[] = [];

  constructor(
    readonly visitor = `visitor-${randomUUID().slice(0, 8)}`,
    start = Date.UTC(2026, 10, 23, 9, 0, 0),
    private readonly session = 'session-1',
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
      ...extra,
    } as unknown as CollectedEvent;
    this.events.push(event);
    return event;
  }

  open(path: string, advanceMs?: number): CollectedEvent {
    this.page = randomUUID();
    this.path = path;
    return this.event('pageview', {}, advanceMs);
  }

  scroll(depth: number, reversals = 0): CollectedEvent {
    return this.event('scroll', { depth, direction: 'down', reversals }, 2_000);
  }

  heartbeat(activeMs: number): CollectedEvent {
    return this.event('heartbeat', { visibleMs: 15_000, activeMs }, 15_000);
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

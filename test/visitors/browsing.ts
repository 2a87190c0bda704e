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

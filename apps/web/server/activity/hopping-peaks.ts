import type { ActivityRow } from '@sightline/ports';

/** What the report groups by: each visitor, or each address (all its visitors together). */
export type ActivityKey = 'visitor' | 'address';

/** A visitor's or an address's busiest window of the range. */
export interface ActivityPeak {
  key: string;
  /** The country of the key's events in its busiest window (the first seen there). */
  country?: string;
  /** For an address: the visitors seen from it over the range. */
  visitors?: number;
  /** Events in the busiest window, and that window's page views and start (epoch ms). */
  events: number;
  pageviews: number;
  start: number;
}

interface Step {
  start: number;
  events: number;
  pageviews: number;
  country?: string;
}

/**
 * The busiest hopping window (`windowMs` long, starting every `advanceMs`) of each visitor or
 * address, from their activity in steps of `advanceMs` (tumbling, as the event store counts it):
 * those with more than `moreThan` events in one window, busiest first. A window that starts at
 * one of the key's steps holds at least as many events as any window that starts between two of
 * them, so only those starts are tried.
 */
export function hoppingPeaks(
  rows: ActivityRow[],
  options: { by: ActivityKey; windowMs: number; moreThan: number },
): ActivityPeak[] {
  const steps = new Map<string, Map<number, Step>>();
  const visitorsOf = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = options.by === 'visitor' ? row.visitor : row.ip;
    if (key === undefined) continue;
    let own = steps.get(key);
    if (!own) steps.set(key, (own = new Map<number, Step>()));
    const step = own.get(row.start);
    if (step) {
      step.events += row.events;
      step.pageviews += row.pageviews;
      step.country ??= row.country;
    } else
      own.set(row.start, {
        start: row.start,
        events: row.events,
        pageviews: row.pageviews,
        ...(row.country === undefined ? {} : { country: row.country }),
      });
    if (options.by === 'address') {
      let seen = visitorsOf.get(key);
      if (!seen) visitorsOf.set(key, (seen = new Set()));
      seen.add(row.visitor);
    }
  }
  const peaks: ActivityPeak[] = [];
  for (const [key, own] of steps) {
    const ordered = [...own.values()].sort((a, b) => a.start - b.start);
    let best: ActivityPeak | undefined;
    // Two pointers: the window [ordered[i].start, + windowMs) over the steps in it.
    let end = 0;
    let events = 0;
    let pageviews = 0;
    for (let i = 0; i < ordered.length; i++) {
      const from = ordered[i]!;
      while (end < ordered.length && ordered[end]!.start < from.start + options.windowMs) {
        events += ordered[end]!.events;
        pageviews += ordered[end]!.pageviews;
        end++;
      }
      if (!best || events > best.events)
        best = {
          key,
          ...(from.country === undefined ? {} : { country: from.country }),
          ...(options.by === 'address' ? { visitors: visitorsOf.get(key)!.size } : {}),
          events,
          pageviews,
          start: from.start,
        };
      events -= from.events;
      pageviews -= from.pageviews;
    }
    if (best && best.events > options.moreThan) peaks.push(best);
  }
  return peaks.sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
}

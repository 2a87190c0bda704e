import { z } from 'zod';

/** Days of raw events a site may keep at most (0 keeps them for ever). */
export const RETENTION_EVENTS_DAYS_MAX = 3_650;
/** Months of aggregates a site may keep at most (0 keeps them for ever). */
export const RETENTION_AGGREGATES_MONTHS_MAX = 240;

/**
 * How long a site's data is kept; a field left out takes the installation's default.
 * Raw events, visits and profile hits go after `eventsDays` days; the 10-second aggregates
 * (charts, totals over long ranges) after `aggregatesMonths` months. 0 keeps them for ever.
 */
export const siteRetention = z
  .object({
    eventsDays: z.number().int().min(0).max(RETENTION_EVENTS_DAYS_MAX).optional(),
    aggregatesMonths: z.number().int().min(0).max(RETENTION_AGGREGATES_MONTHS_MAX).optional(),
  })
  .strict();

export type SiteRetention = z.infer<typeof siteRetention>;

/** The retention every site has unless it sets its own (both fields given). */
export type RetentionDefaults = Required<SiteRetention>;

/**
 * Where a store cuts: a listed site's records older than its cutoff go, and every other site's
 * (sites no longer configured included) older than `others`. Epoch ms; 0 keeps everything.
 */
export interface RetentionCutoffs {
  others: number;
  sites: ReadonlyMap<string, number>;
}

/** The cutoffs of raw records and of aggregates at `now`. */
export interface RetentionPlan {
  events: RetentionCutoffs;
  aggregates: RetentionCutoffs;
}

const DAY_MS = 86_400_000;

/** The start of the UTC day `days` days before the one holding `now`: whole days are kept. */
export function eventsCutoff(days: number, now: number): number {
  if (days === 0) return 0;
  return Math.max(0, Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS);
}

/** The start of the UTC month `months` months before the one holding `now`. */
export function aggregatesCutoff(months: number, now: number): number {
  if (months === 0) return 0;
  const date = new Date(now);
  return Math.max(0, Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
}

/** Each site's cutoffs at `now`, from its own retention or the defaults. */
export function retentionPlan(
  sites: readonly { key: string; retention?: SiteRetention | undefined }[],
  defaults: RetentionDefaults,
  now: number,
): RetentionPlan {
  const events = new Map<string, number>();
  const aggregates = new Map<string, number>();
  for (const site of sites) {
    events.set(site.key, eventsCutoff(site.retention?.eventsDays ?? defaults.eventsDays, now));
    aggregates.set(
      site.key,
      aggregatesCutoff(site.retention?.aggregatesMonths ?? defaults.aggregatesMonths, now),
    );
  }
  return {
    events: { others: eventsCutoff(defaults.eventsDays, now), sites: events },
    aggregates: { others: aggregatesCutoff(defaults.aggregatesMonths, now), sites: aggregates },
  };
}

/** The earliest cutoff of all: what is older goes for every site (whole indices, whole days). */
export function earliestCutoff(cutoffs: RetentionCutoffs): number {
  return Math.min(cutoffs.others, ...cutoffs.sites.values());
}

/** The cutoff of one site's records. */
export const cutoffOf = (cutoffs: RetentionCutoffs, site: string): number =>
  cutoffs.sites.get(site) ?? cutoffs.others;

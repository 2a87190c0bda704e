import {
  lookbackMs,
  previewRule,
  SiteSeries,
  STEP_MS,
  WEEK_MS,
  type RulePreview,
} from '@sightline/alerting';
import type { AlertRule } from '@sightline/contract';
import type { HitStore, TimeRange, WindowStore, MetricsStore } from '@sightline/ports';
import { seriesField } from './series-field.js';

export interface PreviewStores {
  metrics: Pick<MetricsStore, 'series'>;
  windows: Pick<WindowStore, 'windows'>;
  hits: Pick<HitStore, 'hits'>;
}

/** Hits read per range for the preview; beyond it profile hits are undercounted. */
const HITS_LIMIT = 10_000;

/** The ranges a rule reads to be evaluated at every step of `range`. */
function rangesRead(rule: AlertRule, range: TimeRange): TimeRange[] {
  const window = rule.windowMinutes * 60_000;
  const back = lookbackMs(rule);
  if (back <= 2 * window) return [{ from: range.from - back, to: range.to }];
  // A week-ago comparison reads the range itself and the same range a week earlier.
  return [
    { from: range.from - window, to: range.to },
    { from: range.from - WEEK_MS - window, to: range.to - WEEK_MS },
  ];
}

/** A rule's bucket values over the ranges, from the cheapest store that has them. */
async function bucketValues(
  rule: AlertRule,
  site: string,
  ranges: TimeRange[],
  stores: PreviewStores,
): Promise<(start: number) => number> {
  const field = seriesField(rule);
  if (field !== undefined) {
    const values = new Map<number, number>();
    for (const range of ranges) {
      const points = await stores.metrics.series({ site, range, stepMs: STEP_MS, fields: [field] });
      for (const point of points) values.set(point.time, point.values[field] ?? 0);
    }
    return (start) => values.get(start) ?? 0;
  }
  const series = new SiteSeries();
  for (const range of ranges) {
    if (rule.metric === 'profile_hits')
      for (const hit of await stores.hits.hits({ site, range, limit: HITS_LIMIT }))
        series.addHit(hit);
    else
      for (const window of await stores.windows.windows({ site, range })) series.addWindow(window);
  }
  return (start) => series.value(rule, start);
}

/** Where `rule` would have fired over `range`, from what the stores hold. */
export async function previewFromStores(
  rule: AlertRule,
  range: TimeRange,
  stores: PreviewStores,
): Promise<RulePreview> {
  const values = await bucketValues(rule, rule.site, rangesRead(rule, range), stores);
  return previewRule(rule, values, range);
}

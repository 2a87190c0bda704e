import type { AlertRule, WindowAggregate, WindowMetrics } from '@sightline/contract';
import { bucketStart } from './steps.js';
import { windowValue } from './bucket-value.js';

const metricKeys = new WeakMap<AlertRule, string>();
/** What a bucket value depends on: the metric and its filter (rules may share it). */
function metricKey(rule: AlertRule): string {
  let key = metricKeys.get(rule);
  if (key === undefined) metricKeys.set(rule, (key = JSON.stringify([rule.metric, rule.filter])));
  return key;
}

/**
 * One site's recent 10-second windows, the latest state of each (start, partition), and its
 * profile hits per bucket: what rules are evaluated over. Fed from the live `aggregates` and
 * `profile-hits` messages, or loaded from the stores (restart, preview).
 */
export class SiteSeries {
  private readonly windows = new Map<number, Map<number, WindowMetrics>>();
  /** Hit ids by bucket (a hit delivered twice counts once), with their profile. */
  private readonly hits = new Map<number, Map<string, string>>();
  /**
   * Bucket values already computed, by bucket and metric (with its filter): a closed bucket is
   * read by every step of every window it is in, and rarely changes; a change forgets it.
   */
  private readonly values = new Map<number, Map<string, number>>();

  addWindow(window: Pick<WindowAggregate, 'start' | 'partition' | 'metrics'>): void {
    let partitions = this.windows.get(window.start);
    if (!partitions)
      this.windows.set(window.start, (partitions = new Map<number, WindowMetrics>()));
    partitions.set(window.partition, window.metrics);
    this.values.delete(window.start);
  }

  /**
   * A window read from the store: kept unless a live message of the same start and partition
   * is already here (a store may lag behind the live feed, never lead it).
   */
  addStoredWindow(window: Pick<WindowAggregate, 'start' | 'partition' | 'metrics'>): void {
    if (!this.windows.get(window.start)?.has(window.partition)) this.addWindow(window);
  }

  addHit(hit: { id: string; profileId: string; firedAt: number }): void {
    const start = bucketStart(hit.firedAt);
    let bucket = this.hits.get(start);
    if (!bucket) this.hits.set(start, (bucket = new Map<string, string>()));
    bucket.set(hit.id, hit.profileId);
    this.values.delete(start);
  }

  /** The rule's metric in the bucket starting at `start` (0 when nothing was counted). */
  value(rule: AlertRule, start: number): number {
    const key = metricKey(rule);
    let bucket = this.values.get(start);
    if (!bucket) this.values.set(start, (bucket = new Map<string, number>()));
    let value = bucket.get(key);
    if (value === undefined) bucket.set(key, (value = this.compute(rule, start)));
    return value;
  }

  private compute(rule: AlertRule, start: number): number {
    if (rule.metric === 'profile_hits') {
      const bucket = this.hits.get(start);
      if (!bucket) return 0;
      if (rule.filter.profileId === undefined) return bucket.size;
      let count = 0;
      for (const profile of bucket.values()) if (profile === rule.filter.profileId) count++;
      return count;
    }
    let sum = 0;
    for (const metrics of this.windows.get(start)?.values() ?? [])
      sum += windowValue(rule, metrics);
    return sum;
  }

  /** Forgets buckets `keep` says no to (the evaluator keeps what its rules can still read). */
  prune(keep: (start: number) => boolean): void {
    for (const start of this.windows.keys()) if (!keep(start)) this.windows.delete(start);
    for (const start of this.hits.keys()) if (!keep(start)) this.hits.delete(start);
    for (const start of this.values.keys()) if (!keep(start)) this.values.delete(start);
  }

  get buckets(): number {
    return this.windows.size + this.hits.size;
  }
}

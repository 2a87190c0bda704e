import type { AlertRule } from '@sightline/contract';
import { MINUTE_MS, STEP_MS } from './steps.js';

/** A rule's metric in one 10-second bucket. */
export type BucketValues = (start: number) => number;

/**
 * The rule's metric over its window ending at `end` (exclusive): counts and revenue are
 * summed; visitors, which cannot be added across buckets, are averaged per 10 seconds.
 */
export function windowTotal(rule: AlertRule, values: BucketValues, end: number): number {
  const buckets = (rule.windowMinutes * MINUTE_MS) / STEP_MS;
  let sum = 0;
  for (let i = 1; i <= buckets; i++) sum += values(end - i * STEP_MS);
  return rule.metric === 'visitors' ? sum / buckets : sum;
}

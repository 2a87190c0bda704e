import type { Goal } from '@sightline/contract';
import { targetFilters, type EventQuery, type EventStore } from '@sightline/ports';

export interface GoalStats {
  goal: Goal;
  /** Visitors who reached the goal at least once. */
  visitors: number;
  /** Times it was reached. */
  conversions: number;
  /** `visitors` over every visitor of the range (with the same filters), 0 when none. */
  rate: number;
  /** The `value` of the events that reached it, by currency (purchases and other e-commerce events). */
  revenue: Record<string, number>;
}

/**
 * Each goal's conversions over a range, with the dashboard's filters: the range's visitors and
 * every goal's visitors, events and revenue per currency, read together.
 */
export async function goalStats(
  events: Pick<EventStore, 'conversions'>,
  query: EventQuery,
  goals: Goal[],
): Promise<{ visitors: number; goals: GoalStats[] }> {
  const counts = await events.conversions({ ...query, targets: goals.map(targetFilters) });
  const visitors = counts.visitors;
  return {
    visitors,
    goals: goals.map((goal, i) => {
      const reached = counts.targets[i]!;
      return {
        goal,
        visitors: reached.visitors,
        conversions: reached.events,
        rate: visitors > 0 ? reached.visitors / visitors : 0,
        revenue: Object.fromEntries(
          Object.entries(reached.revenue)
            .filter(([, sum]) => sum > 0)
            .map(([currency, sum]) => [currency, Math.round(sum * 100) / 100]),
        ),
      };
    }),
  };
}

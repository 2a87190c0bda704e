import type { Goal } from '@sightline/contract';
import { targetFilters, type EventQuery, type EventStore } from '@sightline/event-store';

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
 * Each goal's conversions over a range, with the dashboard's filters: its visitors and events
 * (one query per goal), and its revenue summed per currency.
 */
export async function goalStats(
  events: Pick<EventStore, 'topN'>,
  query: EventQuery,
  goals: Goal[],
): Promise<{ visitors: number; goals: GoalStats[] }> {
  const filters = query.filters ?? [];
  const [all, ...perGoal] = await Promise.all([
    events.topN({ ...query, dimension: 'site', limit: 1 }),
    ...goals.map((goal) =>
      events.topN({
        ...query,
        filters: [...filters, ...targetFilters(goal)],
        dimension: 'currency',
        limit: 20,
        sum: 'value',
      }),
    ),
    ...goals.map((goal) =>
      events.topN({
        ...query,
        filters: [...filters, ...targetFilters(goal)],
        dimension: 'site',
        limit: 1,
      }),
    ),
  ]);
  const visitors = all[0]?.visitors ?? 0;
  return {
    visitors,
    goals: goals.map((goal, i) => {
      const reached = perGoal[goals.length + i]![0];
      const converted = reached?.visitors ?? 0;
      return {
        goal,
        visitors: converted,
        conversions: reached?.events ?? 0,
        rate: visitors > 0 ? converted / visitors : 0,
        revenue: Object.fromEntries(
          perGoal[i]!.filter((b) => (b.sum ?? 0) > 0).map((b) => [
            b.key,
            Math.round((b.sum ?? 0) * 100) / 100,
          ]),
        ),
      };
    }),
  };
}

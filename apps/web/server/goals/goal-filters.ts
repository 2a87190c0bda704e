import type { Goal } from '@sightline/contract';
import { targetFilters, type EventFilter } from '@sightline/ports';

/** The filter field of a goal on the dashboard: `goal:eq:<id>` (reached it), `goal:neq:<id>`. */
export const GOAL_FIELD = 'goal';

/**
 * The filters with each goal filter made what the stores answer: the events of the visitors who
 * reached the goal within the range (or of every other visitor), as Plausible and GA read a goal
 * filter — so a page list shows the pages converters saw, not only the goal's own page.
 */
export function goalFilters(
  filters: EventFilter[],
  goals: Goal[],
): EventFilter[] | { refused: string } {
  const resolved: EventFilter[] = [];
  for (const filter of filters) {
    if (filter.field !== GOAL_FIELD) {
      resolved.push(filter);
      continue;
    }
    const goal = goals.find((g) => g.id === String(filter.value));
    if (!goal) return { refused: `no goal "${String(filter.value)}" on this site` };
    resolved.push({
      field: 'visitor',
      op: filter.op === 'neq' ? 'notReached' : 'reached',
      events: targetFilters(goal),
    });
  }
  return resolved;
}

import type { Goal } from '@sightline/contract';
import { targetFilters } from '@sightline/ports';
import { describe, expect, it } from 'vitest';
import { goalFilters } from '../server/goals/goal-filters.js';

const order: Goal = { site: 'shop', id: 'order', name: 'Order', kind: 'event', event: 'purchase' };
const docs: Goal = { site: 'shop', id: 'docs', name: 'Docs', kind: 'page', path: '/docs/**' };

describe('goal filters on the dashboard', () => {
  it('become the visitors who reached the goal, or every other one, beside the other filters', () => {
    const device = { field: 'device', op: 'eq', value: 'mobile' } as const;
    expect(
      goalFilters(
        [
          device,
          { field: 'goal', op: 'eq', value: 'order' },
          { field: 'goal', op: 'neq', value: 'docs' },
        ],
        [order, docs],
      ),
    ).toEqual([
      device,
      { field: 'visitor', op: 'reached', events: targetFilters(order) },
      { field: 'visitor', op: 'notReached', events: targetFilters(docs) },
    ]);
  });

  it('refuse a goal the site does not have, and leave other filters alone', () => {
    expect(goalFilters([{ field: 'goal', op: 'eq', value: 'gone' }], [order])).toEqual({
      refused: 'no goal "gone" on this site',
    });
    expect(goalFilters([], [])).toEqual([]);
  });
});

import { EVENT_TYPES, type ConversionTarget } from '@sightline/contract';
import type { EventFilter } from './events-port.js';

const TRACKED_TYPES = new Set<string>(EVENT_TYPES);

/**
 * The events that reach a goal or a funnel's step, as filters: page views of a matching path, or
 * events of its type (a tracker type) or name (a custom event) with its properties.
 */
export function targetFilters(goal: ConversionTarget): EventFilter[] {
  if (goal.kind === 'page')
    return [
      { field: 'type', op: 'eq', value: 'pageview' },
      { field: 'path', op: 'match', value: goal.path },
    ];
  const type: EventFilter[] =
    TRACKED_TYPES.has(goal.event) && goal.event !== 'custom'
      ? [{ field: 'type', op: 'eq', value: goal.event }]
      : [
          { field: 'type', op: 'eq', value: 'custom' },
          { field: 'name', op: 'eq', value: goal.event },
        ];
  return [
    ...type,
    ...Object.entries(goal.props ?? {}).map(([key, value]): EventFilter => ({
      field: `props.${key}`,
      op: 'eq',
      value,
    })),
  ];
}

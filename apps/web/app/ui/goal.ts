/** What reaches a goal or a funnel's step (see the contract's conversionTarget). */
export type Target =
  { kind: 'page'; path: string } | { kind: 'event'; event: string; props?: Record<string, string> };

/** A goal as the API gives it (see the contract's goal). */
export type Goal = Target & { site: string; id: string; name: string };

/** A funnel as the API gives it (see the contract's funnel). */
export interface Funnel {
  site: string;
  id: string;
  name: string;
  steps: Target[];
}

/** One goal's figures over a range: what the API's goals/stats answers for each goal. */
export type { GoalStats } from '@/server/goals/goal-stats';

/** What reaches a goal or a step, in words. */
export const goalTarget = (goal: Target) =>
  goal.kind === 'page'
    ? `Visit ${goal.path}`
    : `Event ${goal.event}${Object.entries(goal.props ?? {})
        .map(([key, value]) => ` · ${key} = ${value}`)
        .join('')}`;

/** An id from a goal's or a funnel's name: lowercase letters, digits and dashes. */
export const goalIdFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'goal';

/** A goal as the API gives it (see the contract's goal). */
export type Goal =
  | { site: string; id: string; name: string; kind: 'page'; path: string }
  | {
      site: string;
      id: string;
      name: string;
      kind: 'event';
      event: string;
      props?: Record<string, string>;
    };

/** One goal's figures over a range (the API's goals/stats). */
export interface GoalStats {
  goal: Goal;
  visitors: number;
  conversions: number;
  rate: number;
  revenue: Record<string, number>;
}

/** What reaches a goal, in words. */
export const goalTarget = (goal: Goal) =>
  goal.kind === 'page'
    ? `Visit ${goal.path}`
    : `Event ${goal.event}${Object.entries(goal.props ?? {})
        .map(([key, value]) => ` · ${key} = ${value}`)
        .join('')}`;

/** An id from a goal's name: lowercase letters, digits and dashes. */
export const goalIdFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'goal';

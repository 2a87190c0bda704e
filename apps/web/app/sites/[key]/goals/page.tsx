import { GoalList } from './goal-list';

/** /sites/[key]/goals: the site's goals. */
export default function Page() {
  return <GoalList />;
}

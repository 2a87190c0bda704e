import { ActivityReport } from './activity-report';

/** /sites/[key]/activity: visitors or addresses busier than a person. */
export default function Page() {
  return <ActivityReport />;
}

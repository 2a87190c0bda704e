import { Dashboard } from './dashboard';

/** /sites/[key]: the site's dashboard, live and over a range. */
export default function Page() {
  return <Dashboard />;
}

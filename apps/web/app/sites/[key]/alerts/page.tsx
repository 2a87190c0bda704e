import { AlertOverview } from './alert-overview';

/** /sites/[key]/alerts: the site's alert rules, the alerts' history and the channels. */
export default function Page() {
  return <AlertOverview />;
}

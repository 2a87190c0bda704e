import { FunnelList } from './funnel-list';

/** /sites/[key]/funnels: the site's funnels. */
export default function Page() {
  return <FunnelList />;
}

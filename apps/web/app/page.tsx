import { SiteList } from './site-list';

/** /: the sites of this installation, with their live figures. */
export default function Page() {
  return <SiteList />;
}

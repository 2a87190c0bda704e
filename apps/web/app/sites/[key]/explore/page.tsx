import { Explore } from './explore';

/** /sites/[key]/explore: the site's raw events, filtered and grouped; a visitor's timeline. */
export default function Page() {
  return <Explore />;
}

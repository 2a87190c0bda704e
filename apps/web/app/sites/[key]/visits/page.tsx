import { VisitLog } from './visit-log';

/** /sites/[key]/visits: the visit log; a visit opens its timeline. */
export default function Page() {
  return <VisitLog />;
}

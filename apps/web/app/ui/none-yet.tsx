import Link from 'next/link';

/** What a panel says while the site has none of `what` (goals, funnels): a link to make one. */
export function NoneYet(props: { what: string; href: string; action: string }) {
  return (
    <p className="text-sm text-slate-400">
      {`No ${props.what} yet.`}{' '}
      <Link className="text-indigo-700 underline" href={props.href}>
        {props.action}
      </Link>
    </p>
  );
}

import Link from 'next/link';

/** The link a list page opens its editor of a new record with, looking like a button. */
export function NewLink(props: { href: string; children: string }) {
  return (
    <Link
      href={props.href}
      className="whitespace-nowrap rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
    >
      {props.children}
    </Link>
  );
}

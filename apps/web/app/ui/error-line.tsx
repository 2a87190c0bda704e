/**
 * The error of a page, when there is one, announced to screen readers. `flush` leaves out the
 * space under it, where the panel around it spaces its lines.
 */
export function ErrorLine({ error, flush }: { error: string | undefined; flush?: boolean }) {
  if (!error) return null;
  return (
    <p role="alert" className={flush ? 'text-sm text-red-700' : 'mb-4 text-sm text-red-700'}>
      {error}
    </p>
  );
}

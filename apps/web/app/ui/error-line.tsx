/** The error of a page, when there is one, announced to screen readers. */
export function ErrorLine({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="mb-4 text-sm text-red-700">
      {error}
    </p>
  );
}

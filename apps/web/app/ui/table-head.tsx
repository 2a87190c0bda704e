/** A header cell's classes, or none at all. */
const classes = (...names: (string | false | undefined)[]) =>
  names.filter(Boolean).join(' ') || undefined;

/**
 * The header of a list table (small capitals): a cell per column, the first padded above and
 * below; `widths` fixes a column's width (a Tailwind class) by its label.
 */
export function ListHead({
  columns,
  widths = {},
  className = 'text-xs uppercase text-slate-500',
}: {
  columns: string[];
  widths?: Record<string, string>;
  className?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((label, i) => (
          <th key={i} className={classes(widths[label], i === 0 && 'py-1')}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The header of a table of figures: cells padded apart (the last one flush with the edge), the
 * columns named in `right` (the figures) right-aligned.
 */
export function FiguresHead({
  columns,
  right = [],
  weight = 'font-medium',
  className,
  rowClassName,
}: {
  columns: string[];
  right?: string[];
  weight?: 'font-medium' | 'font-normal';
  className?: string;
  rowClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {columns.map((label, i) => (
          <th
            key={i}
            className={classes(
              'py-1',
              i < columns.length - 1 && 'pr-4',
              right.includes(label) && 'text-right',
              weight,
            )}
          >
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

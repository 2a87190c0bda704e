import { card } from './shell';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's name from its ISO 3166 code (the code itself when unknown). */
export const countryName = (code: string) => {
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
};

/**
 * A titled top-N list, saying what it counts (`unit`). Tracked values are shown as text only
 * (React escapes them). With `onPick`, a row is a button that filters the dashboard on its value.
 */
export function RankedList({
  title,
  unit,
  rows,
  label = (key) => key,
  onPick,
  note,
}: {
  title: string;
  unit: string;
  rows: { key: string; count: number }[];
  label?: (key: string) => string;
  onPick?: (key: string) => void;
  /** Shown instead of the rows (why there are none to show). */
  note?: string;
}) {
  const top = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className={card} data-testid={`top-${title.toLowerCase().replaceAll(' ', '-')}`}>
      <h3 className="mb-3 flex justify-between text-sm font-medium text-slate-700">
        {title}
        <span className="font-normal text-slate-400">{unit}</span>
      </h3>
      {note && <p className="text-sm text-slate-400">{note}</p>}
      {!note && rows.length === 0 && <p className="text-sm text-slate-400">Nothing yet.</p>}
      <ul className="space-y-1.5">
        {(note ? [] : rows).map((row) => (
          <li key={row.key} className="relative flex justify-between gap-3 text-sm">
            <span
              className="absolute inset-y-0 left-0 rounded bg-indigo-50"
              style={{ width: `${(row.count / top) * 100}%` }}
            />
            {onPick && row.key ? (
              <button
                type="button"
                className="relative truncate text-left hover:underline"
                title={`Filter on ${row.key}`}
                onClick={() => onPick(row.key)}
              >
                {label(row.key)}
              </button>
            ) : (
              <span className="relative truncate" title={row.key}>
                {row.key ? label(row.key) : '(none)'}
              </span>
            )}
            <span className="relative tabular-nums text-slate-600">
              {row.count.toLocaleString()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A record of counts as ranked rows. */
export const rankedRows = (counts: Record<string, number>, limit = 10) =>
  Object.entries(counts)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);

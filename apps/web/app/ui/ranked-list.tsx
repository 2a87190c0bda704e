import { card } from './shell';

/** A titled top-N list. Tracked values are shown as text only (React escapes them). */
export function RankedList({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; count: number }[];
}) {
  const top = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className={card} data-testid={`top-${title.toLowerCase().replaceAll(' ', '-')}`}>
      <h3 className="mb-3 text-sm font-medium text-slate-700">{title}</h3>
      {rows.length === 0 && <p className="text-sm text-slate-400">Nothing yet.</p>}
      <ul className="space-y-1.5">
        {rows.map((row) => (
          <li key={row.key} className="relative flex justify-between gap-3 text-sm">
            <span
              className="absolute inset-y-0 left-0 rounded bg-indigo-50"
              style={{ width: `${(row.count / top) * 100}%` }}
            />
            <span className="relative truncate" title={row.key}>
              {row.key || '(none)'}
            </span>
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

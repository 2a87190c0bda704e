/** One figure of a dashboard, with its change against the previous period when known. */
export function Stat(props: {
  label: string;
  value: string;
  testId?: string;
  previous?: number;
  current?: number;
  /** A rise is bad news (bounce rate): shown in red. */
  lessIsBetter?: boolean;
  /** What the change is against (default: the previous period). */
  comparedWith?: string;
  /** Why no figure is shown, in place of the value's explanation. */
  note?: string;
}) {
  const good = (change: number) => (props.lessIsBetter ? change <= 0 : change >= 0);
  const change =
    props.previous !== undefined && props.current !== undefined && props.previous > 0
      ? ((props.current - props.previous) / props.previous) * 100
      : undefined;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{props.label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={props.testId}>
        {props.value}
      </p>
      {change !== undefined && (
        <p className={`text-xs ${good(change) ? 'text-emerald-700' : 'text-red-700'}`}>
          {change >= 0 ? '▲' : '▼'} {Math.abs(change).toFixed(0)}% vs{' '}
          {props.comparedWith ?? 'previous period'}
        </p>
      )}
      {props.note && <p className="text-xs text-slate-500">{props.note}</p>}
    </div>
  );
}

import { Stat } from '../../ui/stat';

/** The figures every dashboard shows, from summed window fields (live or history). */
export interface Figures {
  scrolledPageviews: number;
  scrollDepthSum: number;
  types: Record<string, number>;
  purchases: number;
  revenue: Record<string, number>;
  sessionsEnded: number;
  sessionMsSum: number;
  bounces: number;
}

const seconds = (ms: number) =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`
    : `${Math.round(ms / 1_000)} s`;

export function MetricStats({ metrics: m, previous }: { metrics: Figures; previous?: Figures }) {
  const n = (type: string, of: Figures = m) => of.types[type] ?? 0;
  const revenue = Object.entries(m.revenue)
    .map(([currency, amount]) => amount.toLocaleString(undefined, { style: 'currency', currency }))
    .join(' + ');
  const stats: [string, string, number?, number?][] = [
    [
      'Avg scroll depth',
      m.scrolledPageviews ? `${Math.round(m.scrollDepthSum / m.scrolledPageviews)}%` : '–',
    ],
    ['Clicks', n('click').toLocaleString(), n('click'), previous && n('click', previous)],
    [
      'Form submits',
      n('form_submit').toLocaleString(),
      n('form_submit'),
      previous && n('form_submit', previous),
    ],
    [
      'Media plays',
      n('media_play').toLocaleString(),
      n('media_play'),
      previous && n('media_play', previous),
    ],
    [
      'Downloads',
      n('download').toLocaleString(),
      n('download'),
      previous && n('download', previous),
    ],
    [
      'Outbound links',
      n('outbound').toLocaleString(),
      n('outbound'),
      previous && n('outbound', previous),
    ],
    [
      'JS errors',
      n('js_error').toLocaleString(),
      n('js_error'),
      previous && n('js_error', previous),
    ],
    ['Purchases', m.purchases.toLocaleString(), m.purchases, previous?.purchases],
    ['Revenue', revenue || '0'],
    ['Avg session', m.sessionsEnded ? seconds(m.sessionMsSum / m.sessionsEnded) : '–'],
    ['Bounce rate', m.sessionsEnded ? `${Math.round((m.bounces / m.sessionsEnded) * 100)}%` : '–'],
  ];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
      {stats.map(([label, value, current, before]) => (
        <Stat
          key={label}
          label={label}
          value={value}
          {...(current !== undefined && before !== undefined ? { current, previous: before } : {})}
        />
      ))}
    </div>
  );
}

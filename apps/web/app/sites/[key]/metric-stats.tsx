import { Stat } from '@/app/ui/stat';
import { formatDuration } from '@/app/ui/duration';

/** The figures every dashboard shows, from summed window fields (live or history). */
export interface Figures {
  scrolledPageviews: number;
  scrollDepthSum: number;
  types: Record<string, number>;
  purchases: number;
  revenue: Record<string, number>;
}

/** Visits that started in the range, those going on included (the API's visit-stats). */
export interface VisitFigures {
  visits: number;
  bounces: number;
  durationMsSum: number;
}

/**
 * A label, the shown value, the figures its change against the previous period is read from, and
 * whether less is better.
 */
type Row = [string, string, number?, number?, boolean?];
const count = (label: string, now: number, before?: number): Row => [
  label,
  now.toLocaleString(),
  now,
  before,
];
/** Event types shown as counts, by label. */
const COUNTED_TYPES = [
  ['Clicks', 'click'],
  ['Form submits', 'form_submit'],
  ['Media plays', 'media_play'],
  ['Downloads', 'download'],
  ['Outbound links', 'outbound'],
  ['JS errors', 'js_error'],
] as const;

/** The series fields each figure is read from, where a filtered view may lack them. */
const SOURCES: Record<string, string[]> = {
  'Avg scroll depth': ['scrolledPageviews', 'scrollDepthSum'],
  Purchases: ['purchases'],
  Revenue: ['revenue_'],
};
const VISIT_FIGURES = ['Visits', 'Visit duration', 'Bounce rate'];

export function MetricStats({
  metrics: m,
  previous,
  visits: v,
  previousVisits: pv,
  comparedWith,
  unfiltered,
  visitsUnavailable = false,
}: {
  metrics: Figures;
  previous?: Figures;
  visits?: VisitFigures;
  previousVisits?: VisitFigures;
  comparedWith?: string;
  /**
   * Under filters: the series fields that could not be filtered. Figures read from them show no
   * value rather than an unfiltered one.
   */
  unfiltered?: string[];
  /** The filters do not select visits: their figures show no value. */
  visitsUnavailable?: boolean;
}) {
  const notFiltered = (label: string) =>
    VISIT_FIGURES.includes(label)
      ? visitsUnavailable
      : unfiltered !== undefined &&
        (SOURCES[label] ?? []).some((field) => unfiltered.some((f) => f.startsWith(field)));
  const duration = (of?: VisitFigures) => (of?.visits ? of.durationMsSum / of.visits : undefined);
  const bounceRate = (of?: VisitFigures) =>
    of?.visits ? Math.round((of.bounces / of.visits) * 100) : undefined;
  const n = (type: string, of: Figures = m) => of.types[type] ?? 0;
  const revenue = Object.entries(m.revenue)
    .map(([currency, amount]) => amount.toLocaleString(undefined, { style: 'currency', currency }))
    .join(' + ');
  const stats: Row[] = [
    [
      'Avg scroll depth',
      m.scrolledPageviews ? `${Math.round(m.scrollDepthSum / m.scrolledPageviews)}%` : '–',
    ],
    ...COUNTED_TYPES.map(([label, type]): Row =>
      count(label, n(type), previous && n(type, previous)),
    ),
    count('Purchases', m.purchases, previous?.purchases),
    ['Revenue', revenue || '0'],
    v ? count('Visits', v.visits, pv?.visits) : ['Visits', '…'],
    [
      'Visit duration',
      duration(v) === undefined ? '–' : formatDuration(duration(v)!),
      duration(v),
      duration(pv),
    ],
    [
      'Bounce rate',
      bounceRate(v) === undefined ? '–' : `${bounceRate(v)}%`,
      bounceRate(v),
      bounceRate(pv),
      true,
    ],
  ];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
      {stats.map(([label, value, current, before, lessIsBetter]) =>
        notFiltered(label) ? (
          <Stat
            key={label}
            label={label}
            value="–"
            testId={`stat-${label.toLowerCase().replaceAll(' ', '-')}`}
            note="Not available with filters"
          />
        ) : (
          <Stat
            key={label}
            label={label}
            value={value}
            testId={`stat-${label.toLowerCase().replaceAll(' ', '-')}`}
            {...(current !== undefined && before !== undefined
              ? { current, previous: before }
              : {})}
            {...(lessIsBetter ? { lessIsBetter } : {})}
            {...(comparedWith ? { comparedWith } : {})}
          />
        ),
      )}
    </div>
  );
}

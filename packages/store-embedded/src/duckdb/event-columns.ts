/**
 * Fields of events kept in columns of their own beside the JSON document: the ones dashboards
 * group and filter by on every view. Reading them from the document means parsing JSON for every
 * row (seconds at a million events); a column is read as it is stored.
 */
export const EVENT_COLUMNS: Readonly<Record<string, string>> = {
  site: 'site',
  visitor: 'visitor',
  type: 'type',
  path: 'path',
  session: 'session',
  referrerHost: 'referrer_host',
  channel: 'channel',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  'utm.source': 'utm_source',
  'utm.campaign': 'utm_campaign',
  // Goals and funnels: custom events by name, revenue by currency. In the document they would
  // cost a read of every row's JSON wherever one row of a row group matches.
  name: 'event_name',
  currency: 'currency',
  value: 'event_value',
};

/** Columns filled from the document: everything above but the table's own key columns. */
export const DERIVED_COLUMNS = Object.entries(EVENT_COLUMNS).filter(
  ([field]) => field !== 'site' && field !== 'visitor',
);

/** The JSON path literal of a field (names are checked by resolveField: they hold no quote). */
export const jsonPath = (field: string) =>
  `'$${field
    .split('.')
    .map((key) => `."${key}"`)
    .join('')}'`;

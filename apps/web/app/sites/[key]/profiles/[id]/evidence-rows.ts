import type { EvidenceItem } from '@sightline/contract';

/** Strength presets: the likelihood ratio each stands for (how much likelier in the profile). */
export const STRENGTHS = {
  strong: 10,
  medium: 4,
  weak: 2,
  against: 0.5,
} as const;
export type Strength = keyof typeof STRENGTHS | 'custom';

/** Event types an owner picks evidence from (`dwell`: active time on one page). */
export const EVIDENCE_TYPES = [
  'pageview',
  'scroll',
  'dwell',
  'click',
  'custom',
  'form_submit',
  'download',
  'outbound',
  'media_play',
  'media_complete',
  'image_view',
  'view_item',
  'add_to_cart',
  'begin_checkout',
  'purchase',
] as const;

/** One evidence item as the editor's fields hold it (text as typed). */
export interface EvidenceRow {
  id: string;
  type: string;
  /** Path patterns, separated by commas. */
  paths: string;
  /** For dwell: active seconds on the page. */
  activeSeconds: string;
  /** Conditions on fields, one per line or `;`: `depth >= 50`, `name = ask`, `utm.source ^= news`. */
  conditions: string;
  strength: Strength;
  /** The likelihood ratio when the strength is custom. */
  lr: string;
  max: string;
  distinctPaths: boolean;
  scope: 'visit' | 'page';
  required: boolean;
}

export const newRow = (index: number): EvidenceRow => ({
  id: `evidence-${index + 1}`,
  type: 'pageview',
  paths: '',
  activeSeconds: '',
  conditions: '',
  strength: 'medium',
  lr: '4',
  max: '1',
  distinctPaths: false,
  scope: 'visit',
  required: false,
});

const OPERATORS = { '>=': 'gte', '<=': 'lte', '^=': 'prefix', '=': 'eq' } as const;
type Condition = NonNullable<EvidenceItem['when']['fields']>[string];

/** `depth >= 50; name = ask` as the contract's field conditions; an error names a bad line. */
export function parseConditions(text: string): {
  fields?: Record<string, Condition>;
  error?: string;
} {
  const fields: Record<string, Condition> = {};
  for (const line of text
    .split(/[;\n]/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z][A-Za-z0-9_.]*)\s*(>=|<=|\^=|=)\s*(.+)$/.exec(line);
    if (!match)
      return { error: `"${line}": expected field >= number, <= number, = value or ^= prefix` };
    const [, name, operator, raw] = match as unknown as [
      string,
      string,
      keyof typeof OPERATORS,
      string,
    ];
    const key = OPERATORS[operator];
    const value = raw.trim();
    const numeric = value !== '' && Number.isFinite(Number(value));
    if ((key === 'gte' || key === 'lte') && !numeric)
      return { error: `"${line}": ${operator} compares numbers` };
    const parsed =
      key === 'eq'
        ? numeric
          ? Number(value)
          : value === 'true' || value === 'false'
            ? value === 'true'
            : value
        : key === 'prefix'
          ? value
          : Number(value);
    fields[name] = { ...fields[name], [key]: parsed };
  }
  return Object.keys(fields).length > 0 ? { fields } : {};
}

export function conditionsText(fields: EvidenceItem['when']['fields']): string {
  const lines: string[] = [];
  for (const [name, condition] of Object.entries(fields ?? {})) {
    if (condition.gte !== undefined) lines.push(`${name} >= ${condition.gte}`);
    if (condition.lte !== undefined) lines.push(`${name} <= ${condition.lte}`);
    if (condition.eq !== undefined) lines.push(`${name} = ${String(condition.eq)}`);
    if (condition.prefix !== undefined) lines.push(`${name} ^= ${condition.prefix}`);
  }
  return lines.join('; ');
}

const strengthOf = (lr: number): Strength =>
  (Object.entries(STRENGTHS).find(([, value]) => value === lr)?.[0] as Strength) ?? 'custom';

export function rowOf(item: EvidenceItem, required: boolean): EvidenceRow {
  const path = item.when.path;
  return {
    id: item.id,
    type: item.when.type,
    paths: path === undefined ? '' : typeof path === 'string' ? path : path.join(', '),
    activeSeconds: item.when.activeSeconds === undefined ? '' : String(item.when.activeSeconds),
    conditions: conditionsText(item.when.fields),
    strength: strengthOf(item.lr),
    lr: String(item.lr),
    max: String(item.max),
    distinctPaths: item.distinct === 'path',
    scope: item.scope,
    required,
  };
}

/** The likelihood ratio a row stands for. */
export const lrOf = (row: EvidenceRow): number =>
  row.strength === 'custom' ? Number(row.lr) : STRENGTHS[row.strength];

/** The contract's evidence item of a row (the server checks it); an error names the row. */
export function itemOf(row: EvidenceRow): { item?: Record<string, unknown>; error?: string } {
  const { fields, error } = parseConditions(row.conditions);
  if (error) return { error: `evidence "${row.id}": ${error}` };
  const paths = row.paths
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    item: {
      id: row.id.trim(),
      when: {
        type: row.type,
        ...(paths.length === 1 ? { path: paths[0] } : paths.length > 1 ? { path: paths } : {}),
        ...(fields ? { fields } : {}),
        ...(row.type === 'dwell' ? { activeSeconds: Number(row.activeSeconds) } : {}),
      },
      lr: lrOf(row),
      max: Number(row.max),
      ...(row.distinctPaths ? { distinct: 'path' } : {}),
      scope: row.scope,
    },
  };
}

const logit = (p: number) => Math.log(p / (1 - p));
/** Each occurrence moves the log-odds by at most this much (as the scoring engine clips it). */
const MAX_LOG_LR = 4;

/** The arithmetic of a profile: what each item adds, and what reaching the threshold takes. */
export function arithmetic(prior: number, threshold: number, rows: EvidenceRow[]) {
  const items = rows.map((row) => {
    const lr = lrOf(row);
    const perOccurrence = Math.max(-MAX_LOG_LR, Math.min(MAX_LOG_LR, Math.log(lr)));
    const max = Math.max(1, Math.floor(Number(row.max)) || 1);
    return { id: row.id, lr, perOccurrence, max, most: perOccurrence * max };
  });
  const start = logit(prior);
  const needed = logit(threshold) - start;
  const reachable = items.reduce((sum, item) => sum + Math.max(0, item.most), 0);
  const best = 1 / (1 + Math.exp(-(start + reachable)));
  return { items, start, needed, reachable, best };
}

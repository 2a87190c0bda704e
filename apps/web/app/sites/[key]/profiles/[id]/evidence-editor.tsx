'use client';
import { input } from '@/app/ui/shell';
import {
  arithmetic,
  EVIDENCE_TYPES,
  lrOf,
  newRow,
  STRENGTHS,
  type EvidenceRow,
  type Strength,
} from './evidence-rows';

const small = `${input} py-1 text-xs`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const percent = (p: number) => `${(p * 100).toFixed(p > 0.999 ? 2 : 0)}%`;

/** One evidence item: what counts (type, pages, conditions), how much, how often, where. */
function Row(props: {
  row: EvidenceRow;
  index: number;
  change: (row: EvidenceRow) => void;
  remove: () => void;
}) {
  const { row, index, change } = props;
  const set = <K extends keyof EvidenceRow>(key: K, value: EvidenceRow[K]) =>
    change({ ...row, [key]: value });
  const label = (what: string) => `Evidence ${index + 1} ${what}`;
  // The likelihood ratio: the preset's, or typed when the strength is custom.
  const ratio = (
    <input
      className={small}
      aria-label={label('ratio')}
      disabled={row.strength !== 'custom'}
      value={row.strength === 'custom' ? row.lr : String(lrOf(row))}
      onChange={(e) => set('lr', e.target.value)}
    />
  );
  return (
    <fieldset
      className="space-y-2 rounded border border-slate-200 p-3"
      data-testid={`evidence-${index + 1}`}
    >
      <div className="grid grid-cols-3 gap-2">
        <input
          className={`${small} font-mono`}
          aria-label={label('id')}
          value={row.id}
          onChange={(e) => set('id', e.target.value)}
        />
        <select
          className={small}
          aria-label={label('event')}
          value={row.type}
          onChange={(e) => set('type', e.target.value)}
        >
          {EVIDENCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {type === 'dwell' ? 'dwell (active time on a page)' : type}
            </option>
          ))}
        </select>
        <select
          className={small}
          aria-label={label('strength')}
          value={row.strength}
          onChange={(e) => set('strength', e.target.value as Strength)}
        >
          {Object.entries(STRENGTHS).map(([name, lr]) => (
            <option key={name} value={name}>
              {name} (×{lr})
            </option>
          ))}
          <option value="custom">custom ratio</option>
        </select>
      </div>
      <div className="grid grid-cols-3 gap-2">
        <input
          className={`${small} col-span-2 font-mono`}
          aria-label={label('pages')}
          placeholder="pages: /pricing*, /plans/** (any page if empty)"
          value={row.paths}
          onChange={(e) => set('paths', e.target.value)}
        />
        {row.type === 'dwell' ? (
          <input
            className={small}
            aria-label={label('active seconds')}
            placeholder="active seconds"
            value={row.activeSeconds}
            onChange={(e) => set('activeSeconds', e.target.value)}
          />
        ) : (
          ratio
        )}
      </div>
      {row.type === 'dwell' && ratio}
      <input
        className={`${small} font-mono`}
        aria-label={label('conditions')}
        placeholder="conditions: depth >= 50; reversals >= 4; name = ask; utm.source ^= news"
        value={row.conditions}
        onChange={(e) => set('conditions', e.target.value)}
      />
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <label className="flex items-center gap-1">
          counts up to
          <input
            className={`${small} w-14`}
            aria-label={label('max')}
            value={row.max}
            onChange={(e) => set('max', e.target.value)}
          />
          times
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={row.distinctPaths}
            onChange={(e) => set('distinctPaths', e.target.checked)}
          />
          on distinct pages
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={row.scope === 'page'}
            onChange={(e) => set('scope', e.target.checked ? 'page' : 'visit')}
          />
          forgotten when the page is left
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            aria-label={label('required')}
            checked={row.required}
            onChange={(e) => set('required', e.target.checked)}
          />
          required
        </label>
        <button type="button" className="ml-auto text-red-700" onClick={props.remove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

/** The evidence rows of a profile, and the arithmetic they make with its prior and threshold. */
export function EvidenceEditor(props: {
  rows: EvidenceRow[];
  prior: string;
  threshold: string;
  onChange: (rows: EvidenceRow[]) => void;
}) {
  const { rows, onChange } = props;
  const prior = Number(props.prior);
  const threshold = Number(props.threshold);
  const valid = prior > 0 && prior < 1 && threshold > 0 && threshold < 1;
  const math = valid ? arithmetic(prior, threshold, rows) : undefined;
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-medium">Evidence</h3>
      {rows.map((row, index) => (
        <Row
          key={index}
          row={row}
          index={index}
          change={(changed) => onChange(rows.map((r, i) => (i === index ? changed : r)))}
          remove={() => onChange(rows.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1 text-sm"
        onClick={() => onChange([...rows, newRow(rows.length)])}
      >
        Add evidence
      </button>
      {math && (
        <div data-testid="arithmetic" className="rounded bg-slate-50 p-3 text-xs text-slate-700">
          <p>
            The score starts at the prior, {percent(prior)}: log-odds {signed(math.start)}. Each
            occurrence adds the log of its ratio (at most ±4):
          </p>
          <ul className="my-1 list-disc pl-5 font-mono">
            {math.items.map((item) => (
              <li key={item.id}>
                {item.id}: ln {item.lr} = {signed(item.perOccurrence)}
                {item.max > 1 ? ` × up to ${item.max} = ${signed(item.most)}` : ''}
              </li>
            ))}
          </ul>
          <p>
            Reaching the threshold, {percent(threshold)} (log-odds{' '}
            {signed(math.start + math.needed)}
            ), takes {signed(math.needed)}. All the evidence at once gives {signed(math.reachable)}:
            a score of {percent(math.best)}
            {math.reachable < math.needed ? (
              <strong className="text-red-700"> — the profile can never fire.</strong>
            ) : (
              '.'
            )}{' '}
            Evidence halves every half-life.
          </p>
        </div>
      )}
    </div>
  );
}

'use client';
import { fieldLabel, type Filter } from './filters';
import { countryName } from './ranked-list';

const valueLabel = (filter: Filter) =>
  filter.field === 'country' ? countryName(filter.value) : filter.value;

/**
 * The filters on the dashboard, one chip each: its condition can be turned round (is / is not)
 * or the filter removed. Every panel applies them all together.
 */
export function FilterBar({
  filters,
  onChange,
}: {
  filters: Filter[];
  onChange: (filters: Filter[]) => void;
}) {
  if (filters.length === 0) return null;
  const set = (i: number, filter?: Filter) =>
    onChange(
      filter ? filters.map((f, j) => (j === i ? filter : f)) : filters.filter((_, j) => j !== i),
    );
  return (
    <div className="mb-6 flex flex-wrap items-center gap-2" aria-label="Filters" role="group">
      {filters.map((filter, i) => (
        <span
          key={filter.field}
          data-testid="filter"
          className="flex items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 pl-3 pr-1 text-sm text-indigo-900"
        >
          {fieldLabel(filter.field)}
          <button
            type="button"
            className="rounded px-1 font-medium underline decoration-dotted"
            aria-label={`${fieldLabel(filter.field)}: ${filter.op === 'eq' ? 'is' : 'is not'} (change)`}
            onClick={() => set(i, { ...filter, op: filter.op === 'eq' ? 'neq' : 'eq' })}
          >
            {filter.op === 'eq' ? 'is' : 'is not'}
          </button>
          <span className="max-w-64 truncate font-medium" title={filter.value}>
            {valueLabel(filter)}
          </span>
          <button
            type="button"
            className="ml-1 rounded-full px-1.5 text-indigo-700 hover:bg-indigo-100"
            aria-label={`Remove the ${fieldLabel(filter.field)} filter`}
            onClick={() => set(i)}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="text-sm text-slate-600 underline"
        onClick={() => onChange([])}
      >
        Clear filters
      </button>
    </div>
  );
}

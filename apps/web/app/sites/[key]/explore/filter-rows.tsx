'use client';
import { input } from '@/app/ui/shell';
import type { Filter } from './explore-filters';

/** The search's filters, one editable row each (field, operator, value), each removable. */
export function FilterRows(props: { filters: Filter[]; onChange: (filters: Filter[]) => void }) {
  const { filters, onChange } = props;
  const set = (i: number, change: Partial<Filter>) =>
    onChange(filters.map((f, j) => (j === i ? { ...f, ...change } : f)));
  return (
    <>
      {filters.map((f, i) => (
        <div key={i} className="flex gap-2" data-testid="filter">
          <input
            className={`${input} font-mono`}
            value={f.field}
            onChange={(e) => set(i, { field: e.target.value })}
            aria-label="Field"
          />
          <select
            className={input}
            value={f.op}
            onChange={(e) => set(i, { op: e.target.value as Filter['op'] })}
            aria-label="Operator"
          >
            <option value="eq">is</option>
            <option value="neq">is not</option>
            <option value="prefix">starts with</option>
            <option value="match">matches (* and **)</option>
            <option value="exists">exists</option>
          </select>
          <input
            className={input}
            value={f.value}
            onChange={(e) => set(i, { value: e.target.value })}
            aria-label="Value"
            disabled={f.op === 'exists'}
          />
          <button
            type="button"
            className="px-2 text-sm text-red-700"
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
    </>
  );
}

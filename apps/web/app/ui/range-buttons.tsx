'use client';

/**
 * The range a page reads, as a row of buttons with the chosen one pressed. Each range is its
 * value and its label (anything after them is the page's own).
 */
export function RangeButtons<T extends string | number>(props: {
  ranges: readonly (readonly [value: T, label: string, ...rest: unknown[]])[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label="Range" className="flex rounded border border-slate-300 bg-white">
      {props.ranges.map(([value, label]) => (
        <button
          key={label}
          type="button"
          aria-pressed={props.value === value}
          onClick={() => props.onChange(value)}
          className={`px-3 py-1.5 text-sm ${props.value === value ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

'use client';
import { input } from './shell';

/**
 * A choice of how far back a page reads: each option a label and its length in milliseconds.
 * `label` names it for screen readers where no visible label wraps it.
 */
export function SpanSelect({
  spans,
  value,
  onChange,
  label,
}: {
  spans: [label: string, ms: number][];
  value: number;
  onChange: (ms: number) => void;
  label?: string;
}) {
  return (
    <select
      aria-label={label}
      className={input}
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {spans.map(([label, ms]) => (
        <option key={ms} value={ms}>
          {label}
        </option>
      ))}
    </select>
  );
}

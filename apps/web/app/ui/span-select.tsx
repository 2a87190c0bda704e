'use client';
import { input } from './shell';

/** A choice of how far back a page reads: each option a label and its length in milliseconds. */
export function SpanSelect({
  spans,
  value,
  onChange,
}: {
  spans: [label: string, ms: number][];
  value: number;
  onChange: (ms: number) => void;
}) {
  return (
    <select className={input} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {spans.map(([label, ms]) => (
        <option key={ms} value={ms}>
          {label}
        </option>
      ))}
    </select>
  );
}

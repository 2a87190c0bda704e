import type { ReactNode } from 'react';

/** A labelled form field with an optional hint under it. */
export function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="block text-sm font-medium">
      {props.label}
      <div className="mt-1">{props.children}</div>
      {props.hint && <span className="text-xs font-normal text-slate-500">{props.hint}</span>}
    </label>
  );
}

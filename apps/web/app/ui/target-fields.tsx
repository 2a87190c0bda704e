'use client';
import { Field } from './field';
import type { Target } from './goal';
import { input } from './shell';
import { TextField } from './text-field';

/** A goal's or a funnel step's target as its form holds it. */
export interface TargetDraft {
  kind: Target['kind'];
  /** The path pattern or the event name. */
  value: string;
  propKey: string;
  propValue: string;
}

export const emptyTarget = (): TargetDraft => ({
  kind: 'page',
  value: '',
  propKey: '',
  propValue: '',
});

/** The target the API takes from a draft. */
export const targetOf = (draft: TargetDraft): Target =>
  draft.kind === 'page'
    ? { kind: 'page', path: draft.value }
    : {
        kind: 'event',
        event: draft.value,
        ...(draft.propKey ? { props: { [draft.propKey]: draft.propValue } } : {}),
      };

/** The field of a target's path pattern or event name, as its kind asks for it. */
const VALUE_FIELD: Record<Target['kind'], { label: string; hint: string; placeholder: string }> = {
  page: {
    label: 'Page path',
    hint: '* matches within a segment, ** across: /blog/**',
    placeholder: '/signup/done',
  },
  event: {
    label: 'Event name',
    hint: "A custom event's name, or a tracked type: purchase, form_submit, download…",
    placeholder: 'signup',
  },
};

/** The event property's two inputs: its name and the value it must have. */
const PROPERTY_INPUTS: [field: 'propKey' | 'propValue', name: string, placeholder: string][] = [
  ['propKey', 'name', 'plan'],
  ['propValue', 'value', 'pro'],
];

/** The fields of a target: a page visit (path pattern) or an event (name, one property). */
export function TargetFields({
  draft,
  onChange,
  label = '',
}: {
  draft: TargetDraft;
  onChange: (draft: TargetDraft) => void;
  /** Put before each field's label (a funnel's "Step 2 "). */
  label?: string;
}) {
  const set = (change: Partial<TargetDraft>) => onChange({ ...draft, ...change });
  const value = VALUE_FIELD[draft.kind];
  return (
    <>
      <Field label={`${label}Reached by`}>
        <select
          className={input}
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as Target['kind'] })}
        >
          <option value="page">a page visit</option>
          <option value="event">an event</option>
        </select>
      </Field>
      <TextField
        label={`${label}${value.label}`}
        hint={value.hint}
        placeholder={value.placeholder}
        value={draft.value}
        onChange={(e) => set({ value: e.target.value })}
        required
      />
      {draft.kind === 'event' && (
        <Field
          label={`${label}Property (optional)`}
          hint="Only events whose property has this value"
        >
          <div className="flex gap-2">
            {PROPERTY_INPUTS.map(([field, name, placeholder]) => (
              <input
                key={field}
                className={input}
                aria-label={`${label}Property ${name}`}
                placeholder={placeholder}
                value={draft[field]}
                onChange={(e) => set({ [field]: e.target.value })}
              />
            ))}
          </div>
        </Field>
      )}
    </>
  );
}

'use client';
import { Field } from './field';
import type { Target } from './goal';
import { input } from './shell';

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
      {draft.kind === 'page' ? (
        <Field label={`${label}Page path`} hint="* matches within a segment, ** across: /blog/**">
          <input
            className={input}
            value={draft.value}
            onChange={(e) => set({ value: e.target.value })}
            placeholder="/signup/done"
            required
          />
        </Field>
      ) : (
        <>
          <Field
            label={`${label}Event name`}
            hint="A custom event's name, or a tracked type: purchase, form_submit, download…"
          >
            <input
              className={input}
              value={draft.value}
              onChange={(e) => set({ value: e.target.value })}
              placeholder="signup"
              required
            />
          </Field>
          <Field
            label={`${label}Property (optional)`}
            hint="Only events whose property has this value"
          >
            <div className="flex gap-2">
              <input
                className={input}
                aria-label={`${label}Property name`}
                placeholder="plan"
                value={draft.propKey}
                onChange={(e) => set({ propKey: e.target.value })}
              />
              <input
                className={input}
                aria-label={`${label}Property value`}
                placeholder="pro"
                value={draft.propValue}
                onChange={(e) => set({ propValue: e.target.value })}
              />
            </div>
          </Field>
        </>
      )}
    </>
  );
}

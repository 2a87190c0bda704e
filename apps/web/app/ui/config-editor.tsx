'use client';
import { useState, type ReactNode } from 'react';
import { api, ApiError, errorText } from './api';
import { Field } from './field';
import { button, card, input, Shell } from './shell';

/** The fields every configuration record has: alert rules and profiles alike. */
export interface RecordBasics {
  id: string;
  name: string;
  enabled: boolean;
}

type Change = (e: { target: { value: string; checked?: boolean; type?: string } }) => void;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const issuesOf = (error: unknown): string[] =>
  error instanceof ApiError && error.issues.length > 0
    ? error.issues.map((i) => `${i.path}: ${i.message}`)
    : [errorText(error)];

/**
 * Saving and deleting one record under `base` (`…/alert-rules`, `…/profiles`): a new record
 * takes the id typed in the form, which must be a slug; the server's objections become issues.
 */
export function useRecord(base: string, id: string) {
  const isNew = id === 'new';
  const [issues, setIssues] = useState<string[]>([]);
  /** Saves `body`; resolves with the record's id, or undefined when it was refused. */
  const save = async (typedId: string, body: unknown): Promise<string | undefined> => {
    const target = isNew ? typedId.trim() : id;
    if (!ID_PATTERN.test(target)) {
      setIssues(['id: lowercase letters, digits and dashes, starting with a letter or digit']);
      return undefined;
    }
    try {
      await api(`${base}/${target}`, { method: 'PUT', body });
      setIssues([]);
      return target;
    } catch (e) {
      setIssues(issuesOf(e));
      return undefined;
    }
  };
  /** Deletes the record once confirmed, then opens `then`. */
  const remove = async (what: string, then: string) => {
    if (!confirm(`Delete ${what}?`)) return;
    await api(`${base}/${id}`, { method: 'DELETE' });
    location.assign(then);
  };
  return { isNew, issues, setIssues, save, remove };
}

/**
 * The page of a configuration editor: its title, a form with the id (new records only), the
 * name and the switch, the editor's own fields, the issues, save and delete (owners only), and
 * beside it what the editor shows of the record at work (a preview, a simulator).
 */
export function ConfigEditor(props: {
  site: string;
  title: string;
  isNew: boolean;
  owner: boolean;
  basics: RecordBasics;
  set: (field: keyof RecordBasics) => Change;
  issues: string[];
  saved?: string;
  saveLabel: string;
  onSave: () => void;
  onDelete: () => void;
  aside: ReactNode;
  children: ReactNode;
}) {
  const { basics, set, owner, isNew } = props;
  return (
    <Shell site={props.site}>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{props.title}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <form
          className={`${card} space-y-4`}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave();
          }}
        >
          <fieldset disabled={!owner} className="space-y-4">
            {isNew && (
              <Field label="Id">
                <input
                  className={`${input} font-mono`}
                  value={basics.id}
                  onChange={set('id')}
                  placeholder="lowercase letters, digits and dashes"
                />
              </Field>
            )}
            <Field label="Name">
              <input className={input} value={basics.name} onChange={set('name')} />
            </Field>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={basics.enabled} onChange={set('enabled')} /> Enabled
            </label>
            {props.children}
          </fieldset>
          {props.issues.length > 0 && (
            <ul role="alert" data-testid="issues" className="space-y-1 text-sm text-red-700">
              {props.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
          {props.saved && (
            <p role="status" className="text-sm text-emerald-700">
              {props.saved}
            </p>
          )}
          {owner && (
            <div className="flex gap-3">
              <button type="submit" className={button}>
                {props.saveLabel}
              </button>
              {!isNew && (
                <button
                  type="button"
                  onClick={props.onDelete}
                  className="rounded border border-red-300 px-4 py-2 text-sm text-red-700 hover:bg-red-50"
                >
                  Delete
                </button>
              )}
            </div>
          )}
        </form>
        {props.aside}
      </div>
    </Shell>
  );
}

'use client';
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, errorText } from './api';
import { button, card, Shell } from './shell';
import { TextField } from './text-field';
import { useForm, type Change } from './use-form';
import { useOwner } from './use-owner';

/** The fields every configuration record has: alert rules and profiles alike. */
export interface RecordBasics {
  id: string;
  name: string;
  enabled: boolean;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const issuesOf = (error: unknown): string[] =>
  error instanceof ApiError && error.issues.length > 0
    ? error.issues.map((i) => `${i.path}: ${i.message}`)
    : [errorText(error)];

/**
 * An editor's form (see `useForm`): `blank` for a new record, then the `stored` record made a
 * form by `formOf` once it is read.
 */
export function useConfigForm<R, F>(blank: F, stored: R | undefined, formOf: (record: R) => F) {
  const fields = useForm(blank);
  const { setForm } = fields;
  useEffect(() => {
    if (stored) setForm(formOf(stored));
  }, [stored, formOf, setForm]);
  return fields;
}

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
  /** The record's state from `useRecord`: whether it is new, and the server's issues. */
  record: { isNew: boolean; issues: string[] };
  basics: RecordBasics;
  set: (field: keyof RecordBasics) => Change;
  saved?: string;
  saveLabel: string;
  onSave: () => void;
  onDelete: () => void;
  aside: ReactNode;
  children: ReactNode;
}) {
  const { basics, set } = props;
  const { isNew, issues } = props.record;
  const owner = useOwner();
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
              <TextField
                label="Id"
                mono
                value={basics.id}
                onChange={set('id')}
                placeholder="lowercase letters, digits and dashes"
              />
            )}
            <TextField label="Name" value={basics.name} onChange={set('name')} />
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={basics.enabled} onChange={set('enabled')} /> Enabled
            </label>
            {props.children}
          </fieldset>
          {issues.length > 0 && (
            <ul role="alert" data-testid="issues" className="space-y-1 text-sm text-red-700">
              {issues.map((issue) => (
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

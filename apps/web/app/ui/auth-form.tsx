'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, errorText } from './api';
import { ErrorLine } from './error-line';
import { sameOriginPath } from './same-origin-path';
import { button, card, input } from './shell';

interface Field {
  name: string;
  label: string;
  type: string;
  autoComplete: string;
}

/** A centred form that posts its fields as JSON and goes on to `next` when accepted. */
export function AuthForm(props: {
  title: string;
  intro: ReactNode;
  fields: Field[];
  action: string;
  submit: string;
  next: () => string;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(props.action, {
        method: 'POST',
        body: Object.fromEntries(new FormData(event.currentTarget)),
      });
      location.assign(props.next());
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <main className="mx-auto mt-24 max-w-sm">
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">{props.title}</h1>
      <p className="mb-6 text-sm text-slate-600">{props.intro}</p>
      <form onSubmit={(e) => void onSubmit(e)} className={`${card} space-y-4`}>
        {props.fields.map((field) => (
          <label key={field.name} className="block text-sm font-medium">
            {field.label}
            <input
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              className={`${input} mt-1`}
            />
          </label>
        ))}
        <ErrorLine error={error} flush />
        <button type="submit" disabled={busy} className={`${button} w-full`}>
          {props.submit}
        </button>
      </form>
    </main>
  );
}

/**
 * Where to go after signing in: the `next` parameter when it is a page of this app, else `/`.
 * Parsed as a URL against this origin, so `/\\evil.example`, `/%09/evil.example` or anything a
 * browser would read as another site is refused.
 */
export function nextPage(): string {
  return sameOriginPath(new URLSearchParams(location.search).get('next'), location.origin);
}

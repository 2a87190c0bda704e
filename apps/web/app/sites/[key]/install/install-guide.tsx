'use client';
import { useParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '@/app/ui/api';
import { CopyBlock } from '@/app/ui/copy-block';
import { listOf, originsOf } from '@/app/ui/origins';
import { button, card, input, Shell } from '@/app/ui/shell';
import type { Retention, Site } from '@/app/ui/types';
import { useApi } from '@/app/ui/use-api';
import { useLive } from '@/app/ui/use-live';
import { useOwner } from '@/app/ui/use-owner';
import { ErasurePanel } from './erasure-panel';

interface Snippets {
  html: string;
  npm: string;
  cli: string;
}

/** Waits on the live stream for a window with events; says when the first one came. */
function Verify({ site }: { site: string }) {
  const [since, setSince] = useState<number>();
  const { state: firstAt } = useLive<
    { metrics: { events: number; bots: number } },
    number | undefined
  >(
    since === undefined ? undefined : `/api/sites/${encodeURIComponent(site)}/live`,
    'window',
    undefined,
    // A bot's visit proves the tag works too (an owner may check with a headless browser).
    (found, { metrics }) => found ?? (metrics.events + metrics.bots > 0 ? Date.now() : undefined),
  );
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={button}
        onClick={() => setSince(Date.now())}
        disabled={since !== undefined}
      >
        Verify installation
      </button>
      <p role="status" aria-live="polite" className="text-sm" data-testid="verify-status">
        {since === undefined
          ? 'Open a page of your site after adding the tag, then verify.'
          : firstAt === undefined
            ? 'Waiting for the first event from this site…'
            : `Events are arriving: the first one reached Sightline at ${new Date(firstAt).toLocaleTimeString()}.`}
      </p>
    </div>
  );
}

/** The retention the form asks for: blank fields take the installation's defaults. */
function retentionOf(form: FormData): Partial<Retention> {
  const value = (name: string) => {
    const field = form.get(name);
    const text = typeof field === 'string' ? field.trim() : '';
    return text === '' ? undefined : Number(text);
  };
  const eventsDays = value('eventsDays');
  const aggregatesMonths = value('aggregatesMonths');
  return {
    ...(eventsDays === undefined ? {} : { eventsDays }),
    ...(aggregatesMonths === undefined ? {} : { aggregatesMonths }),
  };
}

const forEver = (value: number | undefined, unit: string) =>
  value === undefined
    ? '…'
    : value === 0
      ? 'for ever'
      : `${value} ${unit}${value === 1 ? '' : 's'}`;

/** One retention field: blank shows (and takes) the installation's default. */
function RetentionInput(props: {
  name: keyof Retention;
  label: string;
  max: number;
  value: number | undefined;
  fallback: number | undefined;
}) {
  return (
    <label className="block text-sm">
      {props.label}
      <input
        name={props.name}
        type="number"
        min={0}
        max={props.max}
        defaultValue={props.value ?? ''}
        placeholder={`default: ${props.fallback ?? ''}`}
        className={`${input} mt-1`}
      />
    </label>
  );
}

const RETENTION_INPUTS: [name: keyof Retention, label: string, max: number][] = [
  ['eventsDays', 'Raw events, visits and profile hits (days)', 3650],
  ['aggregatesMonths', 'Aggregates: charts and totals (months)', 240],
];

/** How long this site's data is kept, with the defaults it falls back on. */
function RetentionFields({ site, defaults }: { site: Site; defaults: Retention | undefined }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Data retention</legend>
      <div className="grid grid-cols-2 gap-3">
        {RETENTION_INPUTS.map(([name, label, max]) => (
          <RetentionInput
            key={name}
            name={name}
            label={label}
            max={max}
            value={site.retention?.[name]}
            fallback={defaults?.[name]}
          />
        ))}
      </div>
      <p className="text-xs text-slate-500">
        Kept now: raw events {forEver(site.retention?.eventsDays ?? defaults?.eventsDays, 'day')},
        aggregates{' '}
        {forEver(site.retention?.aggregatesMonths ?? defaults?.aggregatesMonths, 'month')}. Blank
        takes the default, 0 keeps for ever. Older data is deleted within the hour; what is deleted
        cannot be brought back.
      </p>
    </fieldset>
  );
}

export function InstallGuide() {
  const { key = '' } = useParams<{ key: string }>();
  const path = `/api/sites/${encodeURIComponent(key)}`;
  const { data: site, reload } = useApi<Site>(path);
  const { data: snippets } = useApi<Snippets>(`${path}/install`);
  const owner = useOwner();
  const { data: defaults } = useApi<Retention>('/api/retention');
  const [message, setMessage] = useState<string>();
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api(path, {
        method: 'PUT',
        body: {
          name: form.get('name'),
          origins: originsOf(form),
          scrubParams: listOf(form, 'scrubParams'),
          pathsIgnoreCase: form.get('pathsIgnoreCase') === 'on',
          retention: retentionOf(form),
        },
      });
      setMessage('Saved.');
      reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  const remove = async () => {
    if (!confirm(`Delete the site "${site?.name}"? Its data stays in the stores.`)) return;
    await api(path, { method: 'DELETE' });
    location.assign('/');
  };
  return (
    <Shell site={key}>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Install {site?.name}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className={`${card} space-y-5`}>
          {snippets && (
            <>
              <CopyBlock label="Paste into every page, before </head>" code={snippets.html} />
              <CopyBlock label="Or with a bundler" code={snippets.npm} />
              <CopyBlock
                label="Or add the tag to every page of a static site"
                code={snippets.cli}
              />
            </>
          )}
          <Verify site={key} />
        </section>
        {site && owner && (
          <form
            onSubmit={(e) => void save(e)}
            className={`${card} space-y-4`}
            key={
              site.name +
              site.origins.join() +
              (site.scrubParams ?? []).join() +
              String(site.pathsIgnoreCase) +
              JSON.stringify(site.retention ?? {})
            }
          >
            <h2 className="font-medium">Site settings</h2>
            <p className="font-mono text-xs text-slate-500">key: {site.key}</p>
            <label className="block text-sm font-medium">
              Name
              <input name="name" defaultValue={site.name} required className={`${input} mt-1`} />
            </label>
            <label className="block text-sm font-medium">
              Allowed origins
              <textarea
                name="origins"
                rows={3}
                defaultValue={site.origins.join('\n')}
                className={`${input} mt-1 font-mono`}
              />
            </label>
            <label className="block text-sm font-medium">
              Query parameters never stored
              <input
                name="scrubParams"
                defaultValue={(site.scrubParams ?? []).join(', ')}
                placeholder="customer_id, order_ref"
                className={`${input} mt-1 font-mono`}
              />
              <span className="mt-1 block text-xs font-normal text-slate-500">
                Their values are stored as &ldquo;redacted&rdquo; in every URL, as are always e-mail
                addresses, tokens, passwords and keys.
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name="pathsIgnoreCase"
                defaultChecked={site.pathsIgnoreCase === true}
                className="mt-1"
              />
              <span>
                Paths ignore case
                <span className="block text-xs font-normal text-slate-500">
                  The assistant then counts /About and /about as one page. Index files and trailing
                  slashes are always one page (/x/index.html is /x).
                </span>
              </span>
            </label>
            <RetentionFields site={site} defaults={defaults} />
            {message && (
              <p role="status" className="text-sm">
                {message}
              </p>
            )}
            <div className="flex gap-3">
              <button type="submit" className={button}>
                Save
              </button>
              <button
                type="button"
                onClick={() => void remove()}
                className="rounded px-4 py-2 text-sm text-red-700 hover:bg-red-50"
              >
                Delete the site
              </button>
            </div>
          </form>
        )}
        {owner && <ErasurePanel site={key} />}
      </div>
    </Shell>
  );
}

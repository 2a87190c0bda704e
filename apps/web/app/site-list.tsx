'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, errorText } from './ui/api';
import { ErrorLine } from './ui/error-line';
import { originsOf } from './ui/origins';
import { button, card, input, Shell } from './ui/shell';
import type { Site } from './ui/types';
import { useApi } from './ui/use-api';
import { useOwner } from './ui/use-owner';

export function SiteList() {
  const { data: sites, reload } = useApi<Site[]>('/api/sites');
  const owner = useOwner();
  const [error, setError] = useState<string>();
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const site = await api<Site>('/api/sites', {
        method: 'POST',
        body: { name: form.get('name'), origins: originsOf(form) },
      });
      location.assign(`/sites/${encodeURIComponent(site.key)}/install`);
    } catch (e) {
      setError(errorText(e));
      reload();
    }
  };
  return (
    <Shell>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sites</h1>
      <ul className="mb-8 grid gap-3 sm:grid-cols-2" data-testid="sites">
        {sites?.map((site) => (
          <li key={site.key} className={card}>
            <Link
              href={`/sites/${encodeURIComponent(site.key)}`}
              className="font-medium text-indigo-700 hover:underline"
            >
              {site.name}
            </Link>
            <p className="mt-1 font-mono text-xs text-slate-500">{site.key}</p>
            <p className="mt-1 text-xs text-slate-500">
              {site.origins.join(', ') || 'no origins yet'}
            </p>
          </li>
        ))}
        {sites?.length === 0 && <li className="text-sm text-slate-600">No sites yet.</li>}
      </ul>
      {owner && (
        <form onSubmit={(e) => void create(e)} className={`${card} max-w-lg space-y-4`}>
          <h2 className="font-medium">Add a site</h2>
          <label className="block text-sm font-medium">
            Name
            <input name="name" required className={`${input} mt-1`} placeholder="My shop" />
          </label>
          <label className="block text-sm font-medium">
            Allowed origins (where its pages are served from; one per line, * for anywhere)
            <textarea
              name="origins"
              rows={2}
              className={`${input} mt-1 font-mono`}
              placeholder="https://shop.example"
            />
          </label>
          <ErrorLine error={error} flush />
          <button type="submit" className={button}>
            Add the site
          </button>
        </form>
      )}
    </Shell>
  );
}

'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AlertBanner } from './alert-banner';
import { api } from './api';
import { useApi, type Me } from './use-api';

/** A site's pages in the navigation: each label and its path under the site's own. */
const SITE_TABS: [label: string, page: string][] = [
  ['Dashboard', ''],
  ['Visits', '/visits'],
  ['Explore', '/explore'],
  ['Activity', '/activity'],
  ['Goals', '/goals'],
  ['Funnels', '/funnels'],
  ['Profiles', '/profiles'],
  ['Alerts', '/alerts'],
  ['Install', '/install'],
];

/** The frame of every signed-in page: the navigation, who is signed in, and sign-out. */
export function Shell({ children, site }: { children: ReactNode; site?: string }) {
  const { data: me } = useApi<Me>('/api/me');
  const signOut = async () => {
    await api('/api/logout', { method: 'POST', body: {} });
    location.assign('/login');
  };
  const tab = 'rounded px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900';
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-1 px-4 py-3 sm:gap-2 sm:px-6">
          <Link href="/" className="mr-4 font-semibold tracking-tight">
            Sightline
          </Link>
          <Link href="/" className={tab}>
            Sites
          </Link>
          {site &&
            SITE_TABS.map(([label, page]) => (
              <Link key={label} href={`/sites/${encodeURIComponent(site)}${page}`} className={tab}>
                {label}
              </Link>
            ))}
          {me?.role === 'owner' && (
            <Link href="/settings" className={tab}>
              Settings
            </Link>
          )}
          <span className="ml-auto text-sm text-slate-500" data-testid="me">
            {me ? `${me.name} (${me.role})` : ''}
          </span>
          <button type="button" onClick={() => void signOut()} className={tab}>
            Sign out
          </button>
        </nav>
      </header>
      {site && <AlertBanner site={site} />}
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

export const button =
  'rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50';
export const input =
  'w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none';
export const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

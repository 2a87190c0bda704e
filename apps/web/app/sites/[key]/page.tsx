'use client';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { DeadLetterNotice } from '../../ui/dead-letter-notice';
import { input, Shell } from '../../ui/shell';
import type { Site } from '../../ui/types';
import { useApi } from '../../ui/use-api';
import { HistoryView } from './history-view';
import { LiveView } from './live-view';

const RANGES = [
  ['live', 'Live', 0],
  ['1h', '1 hour', 3_600_000],
  ['24h', '24 hours', 86_400_000],
  ['7d', '7 days', 7 * 86_400_000],
  ['30d', '30 days', 30 * 86_400_000],
  ['custom', 'Custom', 0],
] as const;

const local = (t: number) =>
  new Date(t - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export default function Dashboard() {
  const { key = '' } = useParams<{ key: string }>();
  const { data: site, error } = useApi<Site>(`/api/sites/${encodeURIComponent(key)}`);
  const [range, setRange] = useState<(typeof RANGES)[number][0]>('live');
  const [custom, setCustom] = useState(() => ({ from: Date.now() - 86_400_000, to: Date.now() }));
  const [now] = useState(() => Date.now());
  const chosen = RANGES.find(([id]) => id === range)!;
  if (error && !site)
    return (
      <Shell site={key}>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">{key}</h1>
        <p role="alert" className="text-sm text-red-700">
          This site cannot be shown: {error}
        </p>
        <Link href="/sites" className="mt-3 inline-block text-sm text-indigo-700 underline">
          All sites
        </Link>
      </Shell>
    );
  return (
    <Shell site={key}>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{site?.name ?? key}</h1>
        <div
          role="group"
          aria-label="Range"
          className="flex rounded border border-slate-300 bg-white"
        >
          {RANGES.map(([id, label]) => (
            <button
              key={id}
              type="button"
              aria-pressed={range === id}
              onClick={() => setRange(id)}
              className={`px-3 py-1.5 text-sm ${range === id ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <DeadLetterNotice site={key} />
      {range === 'custom' && (
        <div className="mb-6 flex gap-3">
          <label className="text-sm">
            From
            <input
              type="datetime-local"
              className={input}
              value={local(custom.from)}
              onChange={(e) =>
                setCustom((c) => ({ ...c, from: new Date(e.target.value).getTime() }))
              }
            />
          </label>
          <label className="text-sm">
            To
            <input
              type="datetime-local"
              className={input}
              value={local(custom.to)}
              onChange={(e) => setCustom((c) => ({ ...c, to: new Date(e.target.value).getTime() }))}
            />
          </label>
        </div>
      )}
      {range === 'live' ? (
        <LiveView site={key} />
      ) : range === 'custom' ? (
        custom.from < custom.to && <HistoryView site={key} from={custom.from} to={custom.to} />
      ) : (
        <HistoryView site={key} from={now - chosen[2]} to={now} />
      )}
    </Shell>
  );
}

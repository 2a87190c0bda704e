'use client';
import { useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { card } from '@/app/ui/shell';
import { useApi } from '@/app/ui/use-api';
import type { PublicChannel } from '@/server/alerts/public-channel';
import { ChannelForm } from './channel-form';

interface Delivery {
  ok: boolean;
  status?: number;
  error?: string;
  durationMs: number;
}

/**
 * Notification channels: webhooks (address and secret written, never shown back) and e-mail
 * recipients; "send a test" shows what the channel answered.
 */
export function Channels({ site, owner }: { site: string; owner: boolean }) {
  const { data: channels, reload } = useApi<PublicChannel[]>('/api/channels');
  const [tests, setTests] = useState<Record<string, string>>({});
  const test = async (id: string) => {
    setTests((t) => ({ ...t, [id]: 'Sending…' }));
    try {
      const delivery = await api<Delivery>(`/api/channels/${encodeURIComponent(id)}/test`, {
        method: 'POST',
        body: { site },
      });
      const outcome = delivery.ok
        ? `Delivered${delivery.status ? ` (${delivery.status})` : ''} in ${delivery.durationMs} ms`
        : `Failed: ${delivery.error ?? delivery.status ?? 'unknown'}`;
      setTests((t) => ({ ...t, [id]: outcome }));
    } catch (e) {
      setTests((t) => ({ ...t, [id]: errorText(e) }));
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/channels/${encodeURIComponent(id)}`, { method: 'DELETE' });
      reload();
    } catch (e) {
      setTests((t) => ({ ...t, [id]: errorText(e) }));
    }
  };
  return (
    <section className={`${card} space-y-4`}>
      <h2 className="font-medium">Channels</h2>
      <p className="text-sm text-slate-600">
        Shared by every site&apos;s rules. Webhooks receive JSON signed with their secret (header{' '}
        <code>sightline-signature</code>); secrets are stored and never shown again.
      </p>
      <ul className="divide-y divide-slate-100 text-sm" data-testid="channels">
        {channels?.map((channel) => (
          <li key={channel.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="font-medium">{channel.name}</span>
            <span className="text-slate-500">
              {channel.type === 'webhook'
                ? `webhook to ${channel.urlHint}`
                : `e-mail to ${channel.to.join(', ')}`}
            </span>
            {owner && (
              <span className="ml-auto flex gap-2">
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                  onClick={() => void test(channel.id)}
                >
                  Send a test
                </button>
                <button
                  type="button"
                  className="rounded border border-red-200 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                  onClick={() => void remove(channel.id)}
                >
                  Delete
                </button>
              </span>
            )}
            {tests[channel.id] && (
              <span className="w-full text-xs text-slate-600" data-testid="test-outcome">
                {tests[channel.id]}
              </span>
            )}
          </li>
        ))}
        {channels?.length === 0 && <li className="py-2 text-slate-500">No channels yet.</li>}
      </ul>
      {owner && <ChannelForm onSaved={reload} />}
    </section>
  );
}

'use client';
import { useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { Field } from '@/app/ui/field';
import { button, card, input } from '@/app/ui/shell';
import { useApi } from '@/app/ui/use-api';
import type { PublicChannel } from '@/server/alerts/public-channel';

interface Delivery {
  ok: boolean;
  status?: number;
  error?: string;
  durationMs: number;
}

/** A random secret for a new webhook, made in the browser and never sent back by the server. */
const newSecret = () =>
  `whsec_${Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')}`;

/**
 * Notification channels: webhooks (address and secret written, never shown back) and e-mail
 * recipients; "send a test" shows what the channel answered.
 */
export function Channels({ site, owner }: { site: string; owner: boolean }) {
  const { data: channels, reload } = useApi<PublicChannel[]>('/api/channels');
  const [form, setForm] = useState({
    id: '',
    name: '',
    type: 'webhook',
    url: '',
    secret: '',
    to: '',
  });
  const [message, setMessage] = useState<string>();
  const [tests, setTests] = useState<Record<string, string>>({});
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const add = async () => {
    setMessage(undefined);
    const body =
      form.type === 'webhook'
        ? { name: form.name, type: 'webhook', url: form.url.trim(), secret: form.secret }
        : { name: form.name, type: 'email', to: form.to.split(/[\s,;]+/).filter(Boolean) };
    try {
      await api(`/api/channels/${encodeURIComponent(form.id.trim())}`, { method: 'PUT', body });
      setForm({ id: '', name: '', type: form.type, url: '', secret: '', to: '' });
      setMessage('Channel saved.');
      reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
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
      {owner && (
        <form
          className="grid grid-cols-2 gap-3 border-t border-slate-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Channel id">
            <input className={`${input} font-mono`} value={form.id} onChange={set('id')} />
          </Field>
          <Field label="Channel name">
            <input className={input} value={form.name} onChange={set('name')} />
          </Field>
          <Field label="Kind">
            <select className={input} value={form.type} onChange={set('type')}>
              <option value="webhook">webhook</option>
              <option value="email">e-mail</option>
            </select>
          </Field>
          {form.type === 'webhook' ? (
            <>
              <Field label="Webhook URL">
                <input className={input} value={form.url} onChange={set('url')} />
              </Field>
              <Field
                label="Secret"
                hint="at least 16 characters; copy it now, it is not shown again"
              >
                <div className="flex gap-2">
                  <input
                    className={`${input} font-mono`}
                    value={form.secret}
                    onChange={set('secret')}
                  />
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 text-xs"
                    onClick={() => setForm((f) => ({ ...f, secret: newSecret() }))}
                  >
                    Generate
                  </button>
                </div>
              </Field>
            </>
          ) : (
            <Field label="Recipients" hint="addresses separated by commas">
              <input className={input} value={form.to} onChange={set('to')} />
            </Field>
          )}
          <div className="col-span-2 flex items-center gap-3">
            <button type="submit" className={button}>
              Add the channel
            </button>
            {message && <span className="text-sm text-slate-600">{message}</span>}
          </div>
        </form>
      )}
    </section>
  );
}

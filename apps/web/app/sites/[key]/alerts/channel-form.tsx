'use client';
import { useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { Field } from '@/app/ui/field';
import { TextField } from '@/app/ui/text-field';
import { button, input } from '@/app/ui/shell';
import { useForm } from '@/app/ui/use-form';

/** A random secret for a new webhook, made in the browser and never sent back by the server. */
const newSecret = () =>
  `whsec_${Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')}`;

const EMPTY = { id: '', name: '', type: 'webhook', url: '', secret: '', to: '' };

/** Adds a channel: a webhook (address and secret) or e-mail recipients. */
export function ChannelForm({ onSaved }: { onSaved: () => void }) {
  const { form, setForm, set, bind } = useForm(EMPTY);
  const [message, setMessage] = useState<string>();
  const add = async () => {
    setMessage(undefined);
    const body =
      form.type === 'webhook'
        ? { name: form.name, type: 'webhook', url: form.url.trim(), secret: form.secret }
        : { name: form.name, type: 'email', to: form.to.split(/[\s,;]+/).filter(Boolean) };
    try {
      await api(`/api/channels/${encodeURIComponent(form.id.trim())}`, { method: 'PUT', body });
      setForm({ ...EMPTY, type: form.type });
      setMessage('Channel saved.');
      onSaved();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <form
      className="grid grid-cols-2 gap-3 border-t border-slate-100 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <TextField label="Channel id" mono {...bind('id')} />
      <TextField label="Channel name" {...bind('name')} />
      <Field label="Kind">
        <select className={input} value={form.type} onChange={set('type')}>
          <option value="webhook">webhook</option>
          <option value="email">e-mail</option>
        </select>
      </Field>
      {form.type === 'webhook' ? (
        <>
          <TextField label="Webhook URL" {...bind('url')} />
          <Field label="Secret" hint="at least 16 characters; copy it now, it is not shown again">
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
        <TextField label="Recipients" hint="addresses separated by commas" {...bind('to')} />
      )}
      <div className="col-span-2 flex items-center gap-3">
        <button type="submit" className={button}>
          Add the channel
        </button>
        {message && <span className="text-sm text-slate-600">{message}</span>}
      </div>
    </form>
  );
}

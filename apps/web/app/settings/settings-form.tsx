'use client';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '@/app/ui/api';
import { button, card, input, Shell } from '@/app/ui/shell';
import { useApi } from '@/app/ui/use-api';
import { ErrorLine } from '@/app/ui/error-line';

interface User {
  email: string;
  name: string;
  role: string;
}
interface ApiKey {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: number;
}

/** People and API keys (owners only). */
export function SettingsForm() {
  const users = useApi<User[]>('/api/users');
  const keys = useApi<ApiKey[]>('/api/api-keys');
  const [message, setMessage] = useState<string>();
  const [newKey, setNewKey] = useState<string>();
  const submit = (path: string, after: () => void) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      const created = await api<{ key?: string }>(path, {
        method: 'POST',
        body: Object.fromEntries(new FormData(form)),
      });
      setNewKey(created.key);
      setMessage(undefined);
      form.reset();
      after();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <Shell>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Settings</h1>
      <ErrorLine error={users.error ?? message} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className={`${card} space-y-4`}>
          <h2 className="font-medium">People</h2>
          <ul className="space-y-1 text-sm" data-testid="users">
            {users.data?.map((u) => (
              <li key={u.email}>
                {u.name} — {u.email} <span className="text-slate-500">({u.role})</span>
              </li>
            ))}
          </ul>
          <form onSubmit={(e) => void submit('/api/users', users.reload)(e)} className="space-y-2">
            <input name="name" placeholder="Name" required className={input} aria-label="Name" />
            <input
              name="email"
              type="email"
              placeholder="E-mail"
              required
              className={input}
              aria-label="E-mail"
            />
            <input
              name="password"
              type="password"
              placeholder="Password (at least 10 characters)"
              required
              className={input}
              aria-label="Password"
            />
            <select name="role" className={input} aria-label="Role">
              <option value="viewer">Viewer (reads dashboards)</option>
              <option value="owner">Owner (changes settings)</option>
            </select>
            <button type="submit" className={button}>
              Add the person
            </button>
          </form>
        </section>
        <section className={`${card} space-y-4`}>
          <h2 className="font-medium">API keys</h2>
          <ul className="space-y-1 text-sm">
            {keys.data?.map((k) => (
              <li key={k.id} className="flex justify-between">
                <span>
                  {k.name} <span className="font-mono text-slate-500">{k.prefix}…</span> ({k.role})
                </span>
                <button
                  type="button"
                  className="text-red-700"
                  onClick={() =>
                    void api(`/api/api-keys/${encodeURIComponent(k.id)}`, {
                      method: 'DELETE',
                    }).then(keys.reload)
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
          {newKey && (
            <p className="rounded bg-amber-50 p-2 text-sm" role="status">
              Copy the key now; it is not shown again:{' '}
              <code className="break-all font-mono" data-testid="new-key">
                {newKey}
              </code>
            </p>
          )}
          <form
            onSubmit={(e) => void submit('/api/api-keys', keys.reload)(e)}
            className="space-y-2"
          >
            <input
              name="name"
              placeholder="What the key is for"
              required
              className={input}
              aria-label="Key name"
            />
            <select name="role" className={input} aria-label="Key role">
              <option value="viewer">Read only</option>
              <option value="owner">Read and change</option>
            </select>
            <button type="submit" className={button}>
              Create a key
            </button>
          </form>
        </section>
      </div>
    </Shell>
  );
}

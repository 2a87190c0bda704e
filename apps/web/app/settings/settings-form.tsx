'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
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

/** A required field of an add form, named for screen readers, its placeholder what to type. */
function Entry({
  label,
  placeholder = label,
  ...props
}: {
  name: string;
  type?: string;
  label: string;
  placeholder?: string;
}) {
  return (
    <input {...props} placeholder={placeholder} required className={input} aria-label={label} />
  );
}

/** A form that adds a person or a key: its own fields, the role it is given, and its button. */
function AddForm(props: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  roleLabel: string;
  /** What the viewer's and the owner's roles are called here. */
  roles: [viewer: string, owner: string];
  action: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={props.onSubmit} className="space-y-2">
      {props.children}
      <select name="role" className={input} aria-label={props.roleLabel}>
        <option value="viewer">{props.roles[0]}</option>
        <option value="owner">{props.roles[1]}</option>
      </select>
      <button type="submit" className={button}>
        {props.action}
      </button>
    </form>
  );
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
          <AddForm
            onSubmit={(e) => void submit('/api/users', users.reload)(e)}
            roleLabel="Role"
            roles={['Viewer (reads dashboards)', 'Owner (changes settings)']}
            action="Add the person"
          >
            <Entry name="name" label="Name" />
            <Entry name="email" type="email" label="E-mail" />
            <Entry
              name="password"
              type="password"
              label="Password"
              placeholder="Password (at least 10 characters)"
            />
          </AddForm>
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
          <AddForm
            onSubmit={(e) => void submit('/api/api-keys', keys.reload)(e)}
            roleLabel="Key role"
            roles={['Read only', 'Read and change']}
            action="Create a key"
          >
            <Entry name="name" label="Key name" placeholder="What the key is for" />
          </AddForm>
        </section>
      </div>
    </Shell>
  );
}

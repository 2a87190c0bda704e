'use client';
import { useParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '@/app/ui/api';
import { Field } from '@/app/ui/field';
import { RecordList } from '@/app/ui/record-list';
import { goalIdFrom, goalTarget, type Goal } from '@/app/ui/goal';
import { button, card, input, Shell } from '@/app/ui/shell';
import { emptyTarget, TargetFields, targetOf } from '@/app/ui/target-fields';
import { useApi, type Me } from '@/app/ui/use-api';

/** A site's goals: what counts as a conversion (a page visit, or an event), made and removed here. */
export function GoalList() {
  const { key = '' } = useParams<{ key: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}/goals`;
  const { data: goals, error: loadError, reload } = useApi<Goal[]>(base);
  const { data: me } = useApi<Me>('/api/me');
  const [name, setName] = useState('');
  const [target, setTarget] = useState(emptyTarget);
  const [error, setError] = useState<string>();
  const owner = me?.role === 'owner';
  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    api(`${base}/${goalIdFrom(name)}`, { method: 'PUT', body: { name, ...targetOf(target) } }).then(
      () => {
        setName('');
        setTarget(emptyTarget());
        reload();
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  const remove = (goal: Goal) =>
    api(`${base}/${goal.id}`, { method: 'DELETE' }).then(reload, (e: unknown) =>
      setError(errorText(e)),
    );
  return (
    <Shell site={key}>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Goals</h1>
      <p className="mb-6 text-sm text-slate-600">
        A goal counts the visitors who reach it: a visit to a page, or an event. The dashboard shows
        each goal&apos;s visitors, conversions, conversion rate and revenue, with its filters.
      </p>
      {(loadError ?? error) && (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {loadError ?? error}
        </p>
      )}
      <RecordList
        kind="goal"
        testId="goals"
        records={goals}
        detail={goalTarget}
        owner={owner}
        onDelete={(record) => void remove(record)}
      />
      {owner && (
        <form className={`${card} grid gap-4 md:grid-cols-2`} onSubmit={save}>
          <h2 className="text-lg font-medium md:col-span-2">New goal</h2>
          <Field label="Name">
            <input
              className={input}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
          </Field>
          <TargetFields draft={target} onChange={setTarget} />
          <div className="md:col-span-2">
            <button type="submit" className={button}>
              Add goal
            </button>
          </div>
        </form>
      )}
    </Shell>
  );
}

'use client';
import { useState, type FormEvent } from 'react';
import { RecordList } from '@/app/ui/record-list';
import { goalIdFrom, goalTarget, type Goal } from '@/app/ui/goal';
import { button, card, Shell } from '@/app/ui/shell';
import { emptyTarget, TargetFields, targetOf } from '@/app/ui/target-fields';
import { TextField } from '@/app/ui/text-field';
import { useSiteRecords } from '@/app/ui/use-site-records';

/** A site's goals: what counts as a conversion (a page visit, or an event), made and removed here. */
export function GoalList() {
  const goals = useSiteRecords<Goal>('goals');
  const [name, setName] = useState('');
  const [target, setTarget] = useState(emptyTarget);
  const add = (event: FormEvent) => {
    event.preventDefault();
    goals.save(goalIdFrom(name), { name, ...targetOf(target) }, () => {
      setName('');
      setTarget(emptyTarget());
    });
  };
  return (
    <Shell site={goals.key}>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Goals</h1>
      <p className="mb-6 text-sm text-slate-600">
        A goal counts the visitors who reach it: a visit to a page, or an event. The dashboard shows
        each goal&apos;s visitors, conversions, conversion rate and revenue, with its filters.
      </p>
      <RecordList kind="goal" testId="goals" of={goals} detail={goalTarget} />
      {goals.owner && (
        <form className={`${card} grid gap-4 md:grid-cols-2`} onSubmit={add}>
          <h2 className="text-lg font-medium md:col-span-2">New goal</h2>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
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

'use client';
import { useState, type FormEvent } from 'react';
import { RecordList } from '@/app/ui/record-list';
import { goalIdFrom, goalTarget, type Funnel } from '@/app/ui/goal';
import { button, card, Shell } from '@/app/ui/shell';
import { emptyTarget, TargetFields, targetOf } from '@/app/ui/target-fields';
import { TextField } from '@/app/ui/text-field';
import { useSiteRecords } from '@/app/ui/use-site-records';

const MAX_STEPS = 8;

/** A site's funnels: steps a visit takes in order, made and removed here, read on the dashboard. */
export function FunnelList() {
  const funnels = useSiteRecords<Funnel>('funnels');
  const [name, setName] = useState('');
  const [steps, setSteps] = useState(() => [emptyTarget(), emptyTarget()]);
  const add = (event: FormEvent) => {
    event.preventDefault();
    funnels.save(goalIdFrom(name), { name, steps: steps.map(targetOf) }, () => {
      setName('');
      setSteps([emptyTarget(), emptyTarget()]);
    });
  };
  return (
    <Shell site={funnels.key}>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Funnels</h1>
      <p className="mb-6 text-sm text-slate-600">
        A funnel follows visits through steps in order, each a page visit or an event, within one
        visit. The dashboard shows how many visits reach each step, where they drop off and how long
        each step takes, with its range and filters.
      </p>
      <RecordList
        kind="funnel"
        testId="funnels"
        of={funnels}
        detail={(funnel) => funnel.steps.map(goalTarget).join(' → ')}
      />
      {funnels.owner && (
        <form className={`${card} space-y-4`} onSubmit={add}>
          <h2 className="text-lg font-medium">New funnel</h2>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
          {steps.map((step, i) => (
            <fieldset
              key={i}
              className="grid gap-3 rounded border border-slate-200 p-3 md:grid-cols-3"
            >
              <legend className="px-1 text-sm font-medium">Step {i + 1}</legend>
              <TargetFields
                draft={step}
                label={`Step ${i + 1} `}
                onChange={(next) => setSteps((all) => all.map((s, j) => (j === i ? next : s)))}
              />
              {steps.length > 2 && (
                <button
                  type="button"
                  className="text-left text-sm text-red-700 underline"
                  onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                >
                  Remove step {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          <div className="flex gap-3">
            {steps.length < MAX_STEPS && (
              <button
                type="button"
                className="text-sm text-indigo-700 underline"
                onClick={() => setSteps((all) => [...all, emptyTarget()])}
              >
                Add a step
              </button>
            )}
            <button type="submit" className={button}>
              Add funnel
            </button>
          </div>
        </form>
      )}
    </Shell>
  );
}

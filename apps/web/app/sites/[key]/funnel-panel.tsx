'use client';
import { useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { ErrorLine } from '@/app/ui/error-line';
import { filterQuery, type Filter } from '@/app/ui/filters';
import { goalTarget, type Funnel, type Target } from '@/app/ui/goal';
import { NoneYet } from '@/app/ui/none-yet';
import { card } from '@/app/ui/shell';
import { formatDuration } from '@/app/ui/duration';

interface ReportStep {
  target: Target;
  visits: number;
  dropOff: number;
  conversion: number;
  overall: number;
  medianMs?: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
/**
 * One funnel of the site over the dashboard's range and filters: the visits at each step, those
 * lost since the step before, the conversion from it and the median time it took.
 */
export function FunnelPanel({
  site,
  from,
  to,
  filters,
}: {
  site: string;
  from: number;
  to: number;
  filters: Filter[];
}) {
  const base = `/api/sites/${encodeURIComponent(site)}/funnels`;
  const [funnels, setFunnels] = useState<Funnel[]>();
  const [chosen, setChosen] = useState<string>();
  const [steps, setSteps] = useState<ReportStep[]>();
  const [error, setError] = useState<string>();
  const where = filterQuery(filters);
  useEffect(() => {
    api<Funnel[]>(base).then(setFunnels, (e: unknown) => setError(errorText(e)));
  }, [base]);
  const id = chosen ?? funnels?.[0]?.id;
  useEffect(() => {
    if (!id) return;
    api<{ steps: ReportStep[] }>(`${base}/${id}/stats?from=${from}&to=${to}${where}`).then(
      (report) => {
        setSteps(report.steps);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [base, id, from, to, where]);
  return (
    <section className={card} data-testid="funnel-panel">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h3 className="text-sm font-medium text-slate-700">Funnel</h3>
        {funnels && funnels.length > 0 && (
          <select
            aria-label="Funnel"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            value={id}
            onChange={(e) => setChosen(e.target.value)}
          >
            {funnels.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <ErrorLine error={error} flush />
      {funnels?.length === 0 && (
        <NoneYet
          what="funnels"
          href={`/sites/${encodeURIComponent(site)}/funnels`}
          action="Make one"
        />
      )}
      {id && steps && (
        <ol className="space-y-2">
          {steps.map((step, k) => (
            <li key={k} data-testid="funnel-step" className="text-sm">
              <div className="flex justify-between gap-3">
                <span>
                  <span className="text-slate-400">{k + 1}.</span> {goalTarget(step.target)}
                </span>
                <span className="tabular-nums">
                  <span data-testid="funnel-visits">{step.visits.toLocaleString()}</span> visits
                </span>
              </div>
              <div className="mt-1 h-2 rounded bg-slate-100">
                <div
                  className="h-2 rounded bg-indigo-500"
                  style={{ width: `${step.overall * 100}%` }}
                />
              </div>
              {k > 0 && (
                <p className="mt-0.5 text-xs text-slate-500">
                  <span data-testid="funnel-conversion">{percent(step.conversion)}</span> of the
                  step before ·{' '}
                  <span data-testid="funnel-drop-off">{step.dropOff.toLocaleString()}</span> dropped
                  off
                  {step.medianMs !== undefined && (
                    <>
                      {' '}
                      · median{' '}
                      <span data-testid="funnel-median">{formatDuration(step.medianMs)}</span>
                    </>
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

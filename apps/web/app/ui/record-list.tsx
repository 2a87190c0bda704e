'use client';
import { ErrorLine } from './error-line';
import { card } from './shell';
import type { SiteRecords } from './use-site-records';

/**
 * A site's records of one kind (goals, funnels), each with what it is after its name, and for
 * owners a button that deletes it; above them the last error of reading or changing them.
 */
export function RecordList<R extends { id: string; name: string }>(props: {
  /** "goal", "funnel": in the empty state and the delete button's label. */
  kind: string;
  testId: string;
  /** The records as `useSiteRecords` holds them. */
  of: SiteRecords<R>;
  detail: (record: R) => string;
}) {
  const { kind } = props;
  const { records, owner, error, remove } = props.of;
  return (
    <>
      <ErrorLine error={error} />
      <section className={`${card} mb-6`}>
        {records?.length === 0 && <p className="text-sm text-slate-500">No {kind}s yet.</p>}
        <ul className="divide-y divide-slate-100" data-testid={props.testId}>
          {records?.map((record) => (
            <li key={record.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span>
                <span className="font-medium">{record.name}</span>{' '}
                <span className="text-slate-500">{props.detail(record)}</span>
              </span>
              {owner && (
                <button
                  type="button"
                  className="text-red-700 underline"
                  aria-label={`Delete the ${kind} ${record.name}`}
                  onClick={() => remove(record)}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

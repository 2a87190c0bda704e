'use client';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '@/app/ui/api';
import { button, card, input } from '@/app/ui/shell';
import { FiguresHead } from '@/app/ui/table-head';
import { useApi } from '@/app/ui/use-api';

interface Erasure {
  id: string;
  request: { visitor?: string; userId?: string };
  visitors: string[];
  by: string;
  at: number;
  erased?: { events: number; sessions: number; hits: number };
}

/**
 * Erases a person's data (GDPR Article 17) by visitor id or by the site's own user id, and
 * lists the erasures made: who, what, when and how much was deleted.
 */
export function ErasurePanel({ site }: { site: string }) {
  const path = `/api/sites/${encodeURIComponent(site)}/erasures`;
  const { data, reload } = useApi<{ erasures: Erasure[] }>(path);
  const [message, setMessage] = useState<string>();
  const erase = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const kind = form.get('kind') === 'userId' ? 'userId' : 'visitor';
    const asked = form.get('id');
    const value = typeof asked === 'string' ? asked.trim() : '';
    const who = kind === 'userId' ? 'user id' : 'visitor';
    if (
      !confirm(
        `Erase every event, visit and assistant hit of ${who} "${value}"? This cannot be undone.`,
      )
    )
      return;
    try {
      const done = await api<Erasure>(path, { method: 'POST', body: { [kind]: value } });
      setMessage(
        `Erased ${done.visitors.length} visitor(s): ${done.erased?.events ?? 0} events, ${done.erased?.sessions ?? 0} visits, ${done.erased?.hits ?? 0} hits.`,
      );
      reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <section className={`${card} space-y-4 lg:col-span-2`} data-testid="erasure">
      <h2 className="font-medium">Erase a person&rsquo;s data</h2>
      <p className="text-sm text-slate-500">
        Deletes the raw events, visits and assistant hits of one visitor, or of every visitor your
        site identified with a user id. Dashboards keep their counts; nothing names the person.
      </p>
      <form onSubmit={(e) => void erase(e)} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          By
          <select name="kind" className={input} aria-label="Erase by">
            <option value="visitor">visitor id</option>
            <option value="userId">user id</option>
          </select>
        </label>
        <label className="text-sm">
          Id
          <input name="id" required className={`${input} font-mono`} aria-label="Id to erase" />
        </label>
        <button type="submit" className={button}>
          Erase
        </button>
      </form>
      {message && (
        <p role="status" className="text-sm">
          {message}
        </p>
      )}
      {data && data.erasures.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="erasure-log">
          <FiguresHead
            className="text-slate-500"
            columns={['When', 'By', 'Asked', 'Visitors', 'Events / visits / hits']}
            weight="font-normal"
          />
          <tbody>
            {data.erasures.map((erasure) => (
              <tr key={erasure.id} className="border-t border-slate-100">
                <td className="py-1 pr-4">{new Date(erasure.at).toLocaleString()}</td>
                <td className="py-1 pr-4">{erasure.by}</td>
                <td className="py-1 pr-4 font-mono">
                  {erasure.request.userId !== undefined
                    ? `user ${erasure.request.userId}`
                    : `visitor ${erasure.request.visitor}`}
                </td>
                <td className="py-1 pr-4">{erasure.visitors.length}</td>
                <td className="py-1">
                  {erasure.erased
                    ? `${erasure.erased.events} / ${erasure.erased.sessions} / ${erasure.erased.hits}`
                    : 'in progress'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

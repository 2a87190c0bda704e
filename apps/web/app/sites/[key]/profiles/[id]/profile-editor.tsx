'use client';
import type { ProfileConfig } from '@sightline/contract';
import type { ReplayPoint } from '@sightline/scoring';
import { useParams, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { ConfigEditor, useRecord } from '@/app/ui/config-editor';
import { Field } from '@/app/ui/field';
import { button, card, input } from '@/app/ui/shell';
import { useApi, type Me } from '@/app/ui/use-api';
import { EvidenceEditor } from './evidence-editor';
import { bodyOf, formOf, NEW_PROFILE, type ProfileForm } from './profile-form';
import { ScoreChart } from './score-chart';

interface Replay {
  threshold: number;
  points: ReplayPoint[];
}

/** Replays a recorded visitor against the profile as it stands in the editor. */
function Simulator({ site, draft }: { site: string; draft: () => ReturnType<typeof bodyOf> }) {
  const search = useSearchParams();
  const [visitor, setVisitor] = useState(search.get('visitor') ?? '');
  const [replay, setReplay] = useState<Replay>();
  const [error, setError] = useState<string>();
  const run = async () => {
    setError(undefined);
    const { body, error: invalid } = draft();
    if (!body) return setError(invalid);
    try {
      setReplay(
        await api<Replay>(`/api/sites/${encodeURIComponent(site)}/profiles/simulate`, {
          method: 'POST',
          body: { profile: body, visitor: visitor.trim() },
        }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  const fired = replay?.points.filter((p) => p.hit) ?? [];
  return (
    <section className={`${card} space-y-4`}>
      <h2 className="font-medium">Simulator</h2>
      <p className="text-sm text-slate-600">
        Replays a recorded visitor&apos;s events (last 30 days) against this profile as edited,
        saved or not, and shows the score after each event.
      </p>
      <div className="flex gap-2">
        <input
          className={`${input} font-mono`}
          aria-label="Visitor id"
          placeholder="visitor id (from Explore)"
          value={visitor}
          onChange={(e) => setVisitor(e.target.value)}
        />
        <button
          type="button"
          className={button}
          onClick={() => void run()}
          disabled={!visitor.trim()}
        >
          Replay
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {replay && (
        <div data-testid="simulation" className="space-y-3">
          <p className="text-sm" data-testid="simulation-summary">
            {replay.points.length === 0
              ? 'No events of this visitor in the last 30 days.'
              : `${replay.points.length} events; peak score ${(
                  Math.max(...replay.points.map((p) => p.score)) * 100
                ).toFixed(0)}%; ${
                  fired.length === 0
                    ? 'the profile would not fire.'
                    : `would fire ${fired.length === 1 ? 'once' : `${fired.length} times`}, first on ${fired[0]!.type} ${fired[0]!.path} at ${new Date(fired[0]!.ts).toLocaleTimeString()}.`
                }`}
          </p>
          <ScoreChart points={replay.points} threshold={replay.threshold} />
          <div className="max-h-72 overflow-y-auto">
            <table className="w-full table-fixed text-left text-xs">
              <thead className="uppercase text-slate-500">
                <tr>
                  <th className="w-24 py-1">Time</th>
                  <th className="w-28">Event</th>
                  <th>Page</th>
                  <th className="w-16">Score</th>
                  <th className="w-28">Decision</th>
                </tr>
              </thead>
              <tbody>
                {replay.points.map((p) => (
                  <tr
                    key={p.eventId}
                    className={`border-t border-slate-100 ${p.hit ? 'bg-amber-50' : ''}`}
                  >
                    <td className="py-0.5 tabular-nums">{new Date(p.ts).toLocaleTimeString()}</td>
                    <td>{p.type}</td>
                    <td className="truncate">{p.path}</td>
                    <td className="tabular-nums">{(p.score * 100).toFixed(1)}%</td>
                    <td>{p.hit ? `fires: ${p.hit.reason ?? p.hit.outcome}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** Create or edit a profile (checked by the server against the contract), and try it out. */
export function ProfileEditor() {
  const { key = '', id = 'new' } = useParams<{ key: string; id: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}/profiles`;
  const { data: profiles } = useApi<ProfileConfig[]>(base);
  const { data: me } = useApi<Me>('/api/me');
  const [form, setForm] = useState<ProfileForm>(NEW_PROFILE);
  const record = useRecord(base, id);
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    const existing = profiles?.find((p) => p.id === id);
    if (existing) setForm(formOf(existing));
  }, [profiles, id]);
  const set =
    (field: Exclude<keyof ProfileForm, 'evidence'>) =>
    (e: { target: { value: string; checked?: boolean; type?: string } }) =>
      setForm((f) => ({
        ...f,
        [field]: e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value,
      }));
  const owner = me?.role === 'owner';
  const profilesPage = `/sites/${encodeURIComponent(key)}/profiles`;
  const save = async () => {
    setSaved(undefined);
    const { body, error } = bodyOf(form);
    if (!body) return record.setIssues([error!]);
    const saved = await record.save(form.id, body);
    if (!saved) return;
    setSaved('Saved. The assistant uses it from now on.');
    if (record.isNew) location.assign(`${profilesPage}/${saved}`);
  };
  return (
    <ConfigEditor
      site={key}
      title={record.isNew ? 'New profile' : form.name || id}
      isNew={record.isNew}
      owner={owner}
      basics={form}
      set={set}
      issues={record.issues}
      saved={saved}
      saveLabel="Save the profile"
      onSave={() => void save()}
      onDelete={() => void record.remove(`the profile "${form.name}"`, profilesPage)}
      aside={<Simulator site={key} draft={() => bodyOf(form)} />}
    >
      <div className="grid grid-cols-3 gap-3">
        <Field label="Prior" hint="share of visitors, 0–1">
          <input className={input} value={form.prior} onChange={set('prior')} />
        </Field>
        <Field label="Threshold" hint="probability, 0–1">
          <input className={input} value={form.threshold} onChange={set('threshold')} />
        </Field>
        <Field label="Holdout" hint="share kept back, 0–0.5">
          <input className={input} value={form.holdout} onChange={set('holdout')} />
        </Field>
        <Field label="Priority">
          <input className={input} value={form.priority} onChange={set('priority')} />
        </Field>
        <Field label="Half-life (min)">
          <input className={input} value={form.halfLifeMinutes} onChange={set('halfLifeMinutes')} />
        </Field>
        <Field label="Re-arm below">
          <input className={input} value={form.rearmBelow} onChange={set('rearmBelow')} />
        </Field>
        <Field label="Per visit">
          <input className={input} value={form.maxPerSession} onChange={set('maxPerSession')} />
        </Field>
        <Field label="Cooldown (h)">
          <input className={input} value={form.cooldownHours} onChange={set('cooldownHours')} />
        </Field>
      </div>
      <Field label="Message">
        <textarea rows={3} className={input} value={form.text} onChange={set('text')} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Link URL" hint="its page is the profile's goal">
          <input className={input} value={form.linkUrl} onChange={set('linkUrl')} />
        </Field>
        <Field label="Link label">
          <input className={input} value={form.linkLabel} onChange={set('linkLabel')} />
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Min. time on a page (ms)" hint="a page left sooner is taken back">
          <input className={input} value={form.minPageMs} onChange={set('minPageMs')} />
        </Field>
        <Field label="Scroll pace (ms per %)" hint="a faster scroll is not believed">
          <input
            className={input}
            value={form.scrollMsPerPercent}
            onChange={set('scrollMsPerPercent')}
          />
        </Field>
      </div>
      <EvidenceEditor
        rows={form.evidence}
        prior={form.prior}
        threshold={form.threshold}
        onChange={(evidence) => setForm((f) => ({ ...f, evidence }))}
      />
    </ConfigEditor>
  );
}

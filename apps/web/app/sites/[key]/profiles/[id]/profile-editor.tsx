'use client';
import type { ProfileConfig } from '@sightline/contract';
import type { ReplayPoint } from '@sightline/scoring';
import { useParams, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { ConfigEditor, useConfigForm, useRecord } from '@/app/ui/config-editor';
import { ErrorLine } from '@/app/ui/error-line';
import { Field } from '@/app/ui/field';
import { button, card, input } from '@/app/ui/shell';
import { ListHead } from '@/app/ui/table-head';
import { TextField } from '@/app/ui/text-field';
import { useApi } from '@/app/ui/use-api';
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
      <ErrorLine error={error} flush />
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
              <ListHead
                className="uppercase text-slate-500"
                columns={['Time', 'Event', 'Page', 'Score', 'Decision']}
                widths={{ Time: 'w-24', Event: 'w-28', Score: 'w-16', Decision: 'w-28' }}
              />
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

/** The fields of the form that hold text. */
type TextKey = {
  [K in keyof ProfileForm]: ProfileForm[K] extends string ? K : never;
}[keyof ProfileForm];
/** A text field of the form: what it holds, its label and its hint. */
type TextRow = [field: TextKey, label: string, hint?: string];

/** How the profile scores and when it may fire again, in a grid of three. */
const TUNING: TextRow[] = [
  ['prior', 'Prior', 'share of visitors, 0–1'],
  ['threshold', 'Threshold', 'probability, 0–1'],
  ['holdout', 'Holdout', 'share kept back, 0–0.5'],
  ['priority', 'Priority'],
  ['halfLifeMinutes', 'Half-life (min)'],
  ['rearmBelow', 'Re-arm below'],
  ['maxPerSession', 'Per visit'],
  ['cooldownHours', 'Cooldown (h)'],
];
/** Where the message leads. */
const LINK: TextRow[] = [
  ['linkUrl', 'Link URL', "its page is the profile's goal"],
  ['linkLabel', 'Link label'],
];
/** What the assistant believes of a visit's pace. */
const PACE: TextRow[] = [
  ['minPageMs', 'Min. time on a page (ms)', 'a page left sooner is taken back'],
  ['scrollMsPerPercent', 'Scroll pace (ms per %)', 'a faster scroll is not believed'],
];

/** Create or edit a profile (checked by the server against the contract), and try it out. */
export function ProfileEditor() {
  const { key = '', id = 'new' } = useParams<{ key: string; id: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}/profiles`;
  const { data: profiles } = useApi<ProfileConfig[]>(base);
  const { form, setForm, set, bind } = useConfigForm(
    NEW_PROFILE,
    profiles?.find((p) => p.id === id),
    formOf,
  );
  const record = useRecord(base, id);
  const [saved, setSaved] = useState<string>();
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
  const textFields = (rows: TextRow[]) =>
    rows.map(([field, label, hint]) => (
      <TextField key={field} label={label} hint={hint} {...bind(field)} />
    ));
  return (
    <ConfigEditor
      site={key}
      title={record.isNew ? 'New profile' : form.name || id}
      record={record}
      basics={form}
      set={set}
      saved={saved}
      saveLabel="Save the profile"
      onSave={() => void save()}
      onDelete={() => void record.remove(`the profile "${form.name}"`, profilesPage)}
      aside={<Simulator site={key} draft={() => bodyOf(form)} />}
    >
      <div className="grid grid-cols-3 gap-3">{textFields(TUNING)}</div>
      <Field label="Message">
        <textarea rows={3} className={input} value={form.text} onChange={set('text')} />
      </Field>
      <div className="grid grid-cols-2 gap-3">{textFields(LINK)}</div>
      <div className="grid grid-cols-2 gap-3">{textFields(PACE)}</div>
      <EvidenceEditor
        rows={form.evidence}
        prior={form.prior}
        threshold={form.threshold}
        onChange={(evidence) => setForm((f) => ({ ...f, evidence }))}
      />
    </ConfigEditor>
  );
}

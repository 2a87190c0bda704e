'use client';
import { formatNumber, METRIC_NAMES, type RulePreview } from '@sightline/alerting';
import { ALERT_METRICS, EVENT_TYPES, type AlertRule } from '@sightline/contract';
import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { ConfigEditor, useConfigForm, useRecord } from '@/app/ui/config-editor';
import { Field } from '@/app/ui/field';
import { card, input } from '@/app/ui/shell';
import { TextField } from '@/app/ui/text-field';
import { useApi } from '@/app/ui/use-api';
import type { PublicChannel } from '@/server/alerts/public-channel';
import { PreviewChart } from './preview-chart';
import { bodyOf, filtersOf, formOf, NEW_RULE, type RuleForm } from './rule-form';

type Preview = RulePreview & { from: number; to: number };

/** Where the rule as edited would have fired over the last 24 hours, re-read as it changes. */
function PreviewPanel({ site, form }: { site: string; form: RuleForm }) {
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    // Re-read once typing pauses.
    const timer = setTimeout(() => {
      api<Preview>(`/api/sites/${encodeURIComponent(site)}/alert-rules/preview`, {
        method: 'POST',
        body: { rule: { ...bodyOf(form), name: form.name || 'Draft' } },
      }).then(
        (value) => {
          setPreview(value);
          setError(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [site, form]);
  const threshold =
    form.condition === 'above' || form.condition === 'below' ? Number(form.threshold) : undefined;
  return (
    <section className={`${card} space-y-3`}>
      <h2 className="font-medium">Last 24 hours</h2>
      {error && <p className="text-sm text-red-600">{error}</p>}
      {preview && (
        <>
          <p className="text-sm text-slate-600" data-testid="preview-summary">
            {preview.alerts.length === 0
              ? 'Would not have fired.'
              : `Would have fired ${preview.alerts.length} time${preview.alerts.length === 1 ? '' : 's'}.`}
          </p>
          <PreviewChart preview={preview} to={preview.to} threshold={threshold} />
          {preview.alerts.length > 0 && (
            <ul className="space-y-0.5 text-xs text-slate-600">
              {preview.alerts.slice(-10).map((a) => (
                <li key={a.firedAt}>
                  {new Date(a.firedAt).toLocaleString()} – value {formatNumber(a.value)}
                  {a.resolvedAt
                    ? `, resolved ${new Date(a.resolvedAt).toLocaleTimeString()}`
                    : ', still firing'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The filters typed as text, each shown for the metrics that apply it. */
const TEXT_FILTERS = {
  path: { label: 'Path', hint: 'optional; * within a segment, ** across', mono: true },
  profileId: { label: 'Profile id', hint: 'optional: every profile', mono: true },
  currency: { label: 'Currency', hint: 'optional: every currency added' },
};

/** Create or edit an alert rule (checked by the server against the contract), with its preview. */
export function RuleEditor() {
  const { key = '', id = 'new' } = useParams<{ key: string; id: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}/alert-rules`;
  const { data: rules } = useApi<{ rule: AlertRule }[]>(base);
  const { data: channels } = useApi<PublicChannel[]>('/api/channels');
  const { form, setForm, set, bind } = useConfigForm(
    NEW_RULE,
    rules?.find((r) => r.rule.id === id)?.rule,
    formOf,
  );
  const record = useRecord(base, id);
  const applies = filtersOf(form.metric);
  const alertsPage = `/sites/${encodeURIComponent(key)}/alerts`;
  const save = async () => {
    if (await record.save(form.id, bodyOf(form))) location.assign(alertsPage);
  };
  const textFilter = (name: keyof typeof TEXT_FILTERS) =>
    applies[name] && <TextField {...TEXT_FILTERS[name]} {...bind(name)} />;
  return (
    <ConfigEditor
      site={key}
      title={record.isNew ? 'New alert rule' : form.name || id}
      record={record}
      basics={form}
      set={set}
      saveLabel="Save the rule"
      onSave={() => void save()}
      onDelete={() => void record.remove(`the alert rule "${form.name}"`, alertsPage)}
      aside={<PreviewPanel site={key} form={form} />}
    >
      <div className="grid grid-cols-2 gap-3">
        <Field label="Metric">
          <select className={input} value={form.metric} onChange={set('metric')}>
            {ALERT_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {METRIC_NAMES[metric]}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          label="Window (minutes)"
          hint="1–60; counts are summed over it"
          {...bind('windowMinutes')}
        />
        {textFilter('path')}
        {applies.type && (
          <Field label="Event type">
            <select className={input} value={form.type} onChange={set('type')}>
              <option value="">any</option>
              {EVENT_TYPES.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          </Field>
        )}
        {textFilter('profileId')}
        {textFilter('currency')}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Condition">
          <select className={input} value={form.condition} onChange={set('condition')}>
            <option value="above">above a threshold</option>
            <option value="below">below a threshold</option>
            <option value="change">changed by a percentage</option>
            <option value="no_data">no data</option>
          </select>
        </Field>
        {(form.condition === 'above' || form.condition === 'below') && (
          <TextField label="Threshold" {...bind('threshold')} />
        )}
        {form.condition === 'change' && (
          <>
            <Field label="Direction">
              <select className={input} value={form.direction} onChange={set('direction')}>
                <option value="up">up</option>
                <option value="down">down</option>
                <option value="either">up or down</option>
              </select>
            </Field>
            <TextField label="By at least (%)" {...bind('percent')} />
            <Field label="Compared with">
              <select className={input} value={form.against} onChange={set('against')}>
                <option value="previous_window">the window before</option>
                <option value="last_week">the same time last week</option>
              </select>
            </Field>
          </>
        )}
      </div>
      <div className="grid grid-cols-3 gap-3">
        <TextField
          label="For (minutes)"
          hint="held this long before it fires"
          {...bind('forMinutes')}
        />
        <TextField
          label="Cooldown (minutes)"
          hint="quiet after a fire"
          {...bind('cooldownMinutes')}
        />
        <label className="flex items-center gap-2 self-center text-sm font-medium">
          <input type="checkbox" checked={form.autoResolve} onChange={set('autoResolve')} />
          Resolve by itself
        </label>
      </div>
      <Field label="Notify" hint="the admin app always shows alerts">
        <div className="space-y-1">
          {channels?.length === 0 && (
            <span className="text-xs text-slate-500">
              No channels yet: add webhooks and e-mail on the alerts page.
            </span>
          )}
          {channels?.map((channel) => (
            <label key={channel.id} className="flex items-center gap-2 font-normal">
              <input
                type="checkbox"
                checked={form.channels.includes(channel.id)}
                onChange={(e) =>
                  setForm((f) => ({
                    ...f,
                    channels: e.target.checked
                      ? [...f.channels, channel.id]
                      : f.channels.filter((c) => c !== channel.id),
                  }))
                }
              />
              {channel.name} ({channel.type})
            </label>
          ))}
        </div>
      </Field>
    </ConfigEditor>
  );
}

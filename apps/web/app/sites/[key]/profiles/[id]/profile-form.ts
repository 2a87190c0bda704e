import type { ProfileConfig } from '@sightline/contract';
import { itemOf, newRow, rowOf, type EvidenceRow } from './evidence-rows';

/** What the editor's fields hold: numbers as typed, evidence as rows of fields. */
export interface ProfileForm {
  id: string;
  name: string;
  enabled: boolean;
  prior: string;
  threshold: string;
  holdout: string;
  priority: string;
  halfLifeMinutes: string;
  maxPerSession: string;
  cooldownHours: string;
  rearmBelow: string;
  text: string;
  linkUrl: string;
  linkLabel: string;
  minPageMs: string;
  scrollMsPerPercent: string;
  evidence: EvidenceRow[];
}

export const NEW_PROFILE: ProfileForm = {
  id: '',
  name: '',
  enabled: true,
  prior: '0.05',
  threshold: '0.7',
  holdout: '0.1',
  priority: '0',
  halfLifeMinutes: '30',
  maxPerSession: '1',
  cooldownHours: '24',
  rearmBelow: '0.5',
  text: '',
  linkUrl: '',
  linkLabel: '',
  minPageMs: '500',
  scrollMsPerPercent: '10',
  evidence: [{ ...newRow(0), id: 'pricing-page', paths: '/pricing*' }],
};

export function formOf(profile: ProfileConfig): ProfileForm {
  return {
    id: profile.id,
    name: profile.name,
    enabled: profile.enabled,
    prior: String(profile.prior),
    threshold: String(profile.threshold),
    holdout: String(profile.holdout),
    priority: String(profile.priority),
    halfLifeMinutes: String(profile.halfLifeMs / 60_000),
    maxPerSession: String(profile.delivery.maxPerSession),
    cooldownHours: String(profile.delivery.cooldownMs / 3_600_000),
    rearmBelow: String(profile.delivery.rearmBelow),
    text: profile.message.text,
    linkUrl: profile.message.link?.url ?? '',
    linkLabel: profile.message.link?.label ?? '',
    minPageMs: String(profile.pace.minPageMs),
    scrollMsPerPercent: String(profile.pace.scrollMsPerPercent),
    evidence: profile.evidence.map((item) => rowOf(item, profile.requires.includes(item.id))),
  };
}

/** The profile the form describes, for the API to validate; an error for a condition it cannot read. */
export function bodyOf(form: ProfileForm): { body?: Record<string, unknown>; error?: string } {
  const evidence: Record<string, unknown>[] = [];
  for (const row of form.evidence) {
    const { item, error } = itemOf(row);
    if (!item) return { error };
    evidence.push(item);
  }
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    body: {
      name: form.name,
      enabled: form.enabled,
      prior: number(form.prior),
      threshold: number(form.threshold),
      holdout: number(form.holdout),
      priority: number(form.priority),
      halfLifeMs: Math.round(number(form.halfLifeMinutes) * 60_000),
      delivery: {
        maxPerSession: number(form.maxPerSession),
        cooldownMs: Math.round(number(form.cooldownHours) * 3_600_000),
        rearmBelow: number(form.rearmBelow),
      },
      message: {
        text: form.text,
        ...(form.linkUrl.trim()
          ? { link: { url: form.linkUrl.trim(), label: form.linkLabel } }
          : {}),
      },
      pace: {
        minPageMs: number(form.minPageMs),
        scrollMsPerPercent: number(form.scrollMsPerPercent),
      },
      requires: form.evidence.filter((row) => row.required).map((row) => row.id.trim()),
      evidence,
    },
  };
}

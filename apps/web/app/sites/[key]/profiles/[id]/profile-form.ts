import type { ProfileConfig } from '@sightline/contract';

/** What the editor's fields hold: numbers as typed, evidence as JSON text. */
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
  requires: string;
  evidence: string;
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
  requires: '',
  evidence: JSON.stringify(
    [{ id: 'pricing-page', when: { type: 'pageview', path: '/pricing*' }, lr: 4 }],
    null,
    2,
  ),
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
    requires: profile.requires.join(', '),
    evidence: JSON.stringify(profile.evidence, null, 2),
  };
}

/** The profile the form describes, for the API to validate; a parse error for bad JSON. */
export function bodyOf(form: ProfileForm): { body?: Record<string, unknown>; error?: string } {
  let evidence: unknown;
  try {
    evidence = JSON.parse(form.evidence);
  } catch (e) {
    return { error: `evidence: not valid JSON (${(e as Error).message})` };
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
      requires: form.requires
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
      evidence,
    },
  };
}

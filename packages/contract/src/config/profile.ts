import { z } from 'zod';
import { EVENT_TYPES } from '../event.js';
import { siteKey, url } from '../primitives.js';

/** Ids of profiles and evidence items: short, readable, safe in URLs and metric labels. */
export const profileId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lowercase letters, digits and dashes');

const duration = (max: number) => z.int().min(1).max(max);
const DAY_MS = 86_400_000;

/**
 * A path pattern: `*` matches any run of characters within one segment, `**` any run across
 * segments; everything else matches itself. `/admissions/*\/programs/**` matches
 * `/admissions/graduates/programs/mba.html`.
 */
export const pathPattern = z.string().min(1).max(256).regex(/^\//, 'a path pattern starts with /');

/** A condition on one event field (numbers compare as numbers, the rest as text). */
export const fieldCondition = z
  .object({
    eq: z.union([z.string().max(256), z.number(), z.boolean()]).optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    prefix: z.string().max(256).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a field condition needs eq, gte, lte or prefix');

/** Signals the scoring engine derives from several events rather than reads from one. */
export const DERIVED_SIGNALS = ['dwell'] as const;

/**
 * Which events count as evidence: an event type (or `dwell`: active time on the current page,
 * from heartbeats), optional path patterns (any may match), conditions on fields (all must
 * hold), and for `dwell` the active seconds reached.
 */
export const evidenceMatcher = z
  .object({
    type: z.enum([...EVENT_TYPES, ...DERIVED_SIGNALS]),
    path: z.union([pathPattern, z.array(pathPattern).min(1).max(16)]).optional(),
    fields: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/), fieldCondition)
      .refine((f) => Object.keys(f).length <= 8, 'at most 8 field conditions')
      .optional(),
    activeSeconds: z.int().min(1).max(86_400).optional(),
  })
  .refine(
    (m) => (m.type === 'dwell') === (m.activeSeconds !== undefined),
    'activeSeconds is required for dwell, and only for dwell',
  );

export const evidenceItem = z.object({
  id: profileId,
  when: evidenceMatcher,
  /**
   * Likelihood ratio P(event | profile) / P(event | not profile): above 1 is evidence for the
   * profile, below 1 against. Its log is clipped to ±4 (a ratio of about 55) per occurrence.
   */
  lr: z.number().min(0.001).max(1_000),
  /** How many occurrences count (later ones add nothing). */
  max: z.int().min(1).max(100).default(1),
  /** Count only occurrences on distinct pages (by path). */
  distinct: z.literal('path').optional(),
  /** `page`: the evidence is forgotten when the visitor moves to another page. */
  scope: z.enum(['visit', 'page']).default('visit'),
});

/** When and how often a profile's message may be shown to a visitor. */
export const deliveryRules = z.object({
  /** Messages per visit (tracker session); default once. */
  maxPerSession: z.int().min(1).max(100).default(1),
  /** Least time between two messages of this profile to one visitor. */
  cooldownMs: z
    .int()
    .min(0)
    .max(365 * DAY_MS)
    .default(DAY_MS),
  /** After a message, the score must fall below this before the profile can fire again. */
  rearmBelow: z.number().gt(0).lt(1).default(0.5),
});

/**
 * What a human can do: the assistant believes a page view only once the visitor stayed on the
 * page this long (a page left sooner is taken back), and a scroll depth only if the page has been
 * open at least this long per percent (100 % in under a second is a script, not a reader).
 */
export const humanPace = z.object({
  minPageMs: z.int().min(0).max(600_000).default(500),
  scrollMsPerPercent: z.int().min(0).max(1_000).default(10),
});

export const assistanceContent = z.object({
  text: z.string().min(1).max(1_000),
  /** The call to action: a link with its label. */
  link: z.object({ url, label: z.string().min(1).max(80) }).optional(),
  /** How long the message may wait to be shown (the visitor moves on). */
  expiresAfterMs: duration(DAY_MS).default(5 * 60_000),
});

/**
 * A visitor profile the assistant looks for: sequential Bayes over evidence, in log-odds, from
 * a prior; when the probability reaches the threshold (and the hard requirements and delivery
 * rules allow) the message goes to the visitor's page.
 */
export const profileConfig = z
  .object({
    id: profileId,
    site: siteKey,
    name: z.string().min(1).max(128),
    enabled: z.boolean().default(true),
    /** Share of visitors matching the profile before any evidence (0–1). */
    prior: z.number().gt(0).lt(1),
    threshold: z.number().gt(0).lt(1).default(0.7),
    evidence: z.array(evidenceItem).min(1).max(32),
    /** Evidence items that must each have been seen (in scope) before the profile can fire. */
    requires: z.array(profileId).max(32).default([]),
    /** Evidence loses half its weight per this much event time. */
    halfLifeMs: duration(365 * DAY_MS).default(30 * 60_000),
    /** When several profiles fire on one event, the highest priority is shown. */
    priority: z.int().min(-1_000).max(1_000).default(0),
    delivery: deliveryRules.default({ maxPerSession: 1, cooldownMs: DAY_MS, rearmBelow: 0.5 }),
    pace: humanPace.default({ minPageMs: 500, scrollMsPerPercent: 10 }),
    message: assistanceContent,
    /** Share of visitors who get no message when they match, to measure uplift (0–0.5). */
    holdout: z.number().min(0).max(0.5).default(0),
  })
  .superRefine((profile, context) => {
    const ids = profile.evidence.map((item) => item.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: `duplicate id "${duplicate}"`,
      });
    for (const [i, id] of profile.requires.entries())
      if (!ids.includes(id))
        context.addIssue({
          code: 'custom',
          path: ['requires', i],
          message: `"${id}" is not an evidence item of this profile`,
        });
    if (profile.delivery.rearmBelow >= profile.threshold)
      context.addIssue({
        code: 'custom',
        path: ['delivery', 'rearmBelow'],
        message: 'must be below the threshold',
      });
  });

export type ProfileConfig = z.infer<typeof profileConfig>;
export type ProfileInput = z.input<typeof profileConfig>;
export type EvidenceItem = z.infer<typeof evidenceItem>;
export type EvidenceMatcher = z.infer<typeof evidenceMatcher>;

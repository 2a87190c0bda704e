import type { ProfileHit } from '@sightline/contract';

/**
 * The page a profile's message links to (its goal, for conversion against the holdout): the path
 * of the link, which may be relative to the site ("/apply") or whole ("https://…/apply").
 */
export function goalPath(link: { url: string } | undefined): string | undefined {
  if (link === undefined) return undefined;
  try {
    return new URL(link.url, 'https://site.invalid').pathname;
  } catch {
    return undefined;
  }
}

/** What a visitor did with a message: the tracker's assistance events. */
export interface Reaction {
  type: 'assistance_shown' | 'assistance_clicked' | 'assistance_dismissed';
  messageId: string;
}

/** A page view of a profile's goal (the page its message links to). */
export interface GoalVisit {
  visitor: string;
  ts: number;
}

export type HitStatus = 'clicked' | 'dismissed' | 'shown' | 'sent' | 'holdout' | 'suppressed';

/** How far a hit got: its outcome, then what the visitor did with the message. */
export function hitStatus(
  hit: ProfileHit,
  reactions: Map<string, Set<Reaction['type']>>,
): HitStatus {
  const seen = hit.messageId ? reactions.get(hit.messageId) : undefined;
  if (seen?.has('assistance_clicked')) return 'clicked';
  if (seen?.has('assistance_dismissed')) return 'dismissed';
  if (seen?.has('assistance_shown')) return 'shown';
  return hit.outcome;
}

/** The reactions by message id. */
export function reactionsByMessage(reactions: Reaction[]): Map<string, Set<Reaction['type']>> {
  const byMessage = new Map<string, Set<Reaction['type']>>();
  for (const { messageId, type } of reactions) {
    let set = byMessage.get(messageId);
    if (!set) byMessage.set(messageId, (set = new Set()));
    set.add(type);
  }
  return byMessage;
}

export interface GroupConversion {
  /** Visitors whose first hit in the range put them in this group. */
  visitors: number;
  /** Of those, visitors who reached the goal at or after that hit. */
  converted: number;
}

export interface ProfileStats {
  profileId: string;
  hits: number;
  visitors: number;
  sent: number;
  holdout: number;
  suppressed: Record<string, number>;
  shown: number;
  clicked: number;
  dismissed: number;
  /** Goal conversion of visitors messaged against the holdout, when the profile has a goal. */
  conversion?: {
    goal: string;
    sent: GroupConversion;
    holdout: GroupConversion;
    /** Difference of rates (sent − holdout) with its 95% interval, when both groups have visitors. */
    uplift?: { value: number; low: number; high: number };
  };
}

const Z95 = 1.959964;

/** Difference of two proportions with a normal-approximation (Wald) 95% interval. */
export function uplift(treated: GroupConversion, control: GroupConversion) {
  if (treated.visitors === 0 || control.visitors === 0) return undefined;
  const p1 = treated.converted / treated.visitors;
  const p2 = control.converted / control.visitors;
  const value = p1 - p2;
  const half =
    Z95 * Math.sqrt((p1 * (1 - p1)) / treated.visitors + (p2 * (1 - p2)) / control.visitors);
  return { value, low: value - half, high: value + half };
}

/**
 * One profile's figures over its hits: outcomes, what visitors did with the messages, and
 * (given its goal's page views) the conversion of messaged visitors against the holdout.
 */
export function profileStats(
  profileId: string,
  hits: ProfileHit[],
  reactions: Map<string, Set<Reaction['type']>>,
  goal?: { path: string; visits: GoalVisit[] },
): ProfileStats {
  const mine = hits.filter((hit) => hit.profileId === profileId);
  const stats: ProfileStats = {
    profileId,
    hits: mine.length,
    visitors: new Set(mine.map((hit) => hit.visitor)).size,
    sent: 0,
    holdout: 0,
    suppressed: {},
    shown: 0,
    clicked: 0,
    dismissed: 0,
  };
  for (const hit of mine) {
    if (hit.outcome === 'sent') stats.sent++;
    else if (hit.outcome === 'holdout') stats.holdout++;
    else
      stats.suppressed[hit.reason ?? 'unknown'] =
        (stats.suppressed[hit.reason ?? 'unknown'] ?? 0) + 1;
    const seen = hit.messageId ? reactions.get(hit.messageId) : undefined;
    if (seen?.has('assistance_shown')) stats.shown++;
    if (seen?.has('assistance_clicked')) stats.clicked++;
    if (seen?.has('assistance_dismissed')) stats.dismissed++;
  }
  if (goal) {
    // Each visitor counts once, in the group of their first sent-or-held-back hit.
    const first = new Map<string, ProfileHit>();
    for (const hit of mine)
      if (hit.outcome !== 'suppressed') {
        const known = first.get(hit.visitor);
        if (!known || hit.eventTs < known.eventTs) first.set(hit.visitor, hit);
      }
    const reachedAt = new Map<string, number[]>();
    for (const visit of goal.visits)
      reachedAt.set(visit.visitor, [...(reachedAt.get(visit.visitor) ?? []), visit.ts]);
    const groups = { sent: { visitors: 0, converted: 0 }, holdout: { visitors: 0, converted: 0 } };
    for (const hit of first.values()) {
      const group = groups[hit.outcome as 'sent' | 'holdout'];
      group.visitors++;
      if ((reachedAt.get(hit.visitor) ?? []).some((ts) => ts >= hit.eventTs)) group.converted++;
    }
    const difference = uplift(groups.sent, groups.holdout);
    stats.conversion = {
      goal: goal.path,
      ...groups,
      ...(difference ? { uplift: difference } : {}),
    };
  }
  return stats;
}

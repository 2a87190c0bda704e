import { describe, expect, it } from 'vitest';
import { replaySession, VisitorScorer } from '../src/index.js';
import { Browsing, universityProfiles } from '../../../test/visitors/browsing.js';

const choosing = universityProfiles().find((p) => p.id === 'choosing-programme')!;

function choosingVisit() {
  const b = new Browsing();
  b.open('/admissions/undergraduates.html');
  b.open('/admissions/undergraduates/programs/computer-science.html');
  b.scroll(50);
  b.open('/admissions/undergraduates/programs/business.html');
  b.scroll(50);
  b.open('/contact.html');
  return b;
}

describe('replaying a recorded visit against one profile', () => {
  it('gives the score after each event and fires where the assistant would', () => {
    const b = choosingVisit();
    const points = replaySession(choosing, b.events);
    expect(points.map((p) => p.eventId)).toEqual(b.events.map((e) => e.id));
    // The same scores the assistant itself computes, event by event.
    const scorer = new VisitorScorer([choosing], 'university', b.visitor);
    const fired: number[] = [];
    b.events.forEach((event, i) => {
      if (scorer.apply(event).length > 0) fired.push(i);
      expect(points[i]!.score).toBeCloseTo(scorer.scores()[choosing.id]!, 12);
    });
    expect(fired).toHaveLength(1);
    expect(points.flatMap((p, i) => (p.hit ? [i] : []))).toEqual(fired);
    expect(points[fired[0]!]!.hit).toEqual({ outcome: 'sent' });
    expect(points[fired[0]!]!.score).toBeGreaterThanOrEqual(choosing.threshold);
  });

  it('scores a disabled draft too, in arrival order whatever order the events come in', () => {
    const b = choosingVisit();
    const draft = { ...choosing, enabled: false, threshold: 0.99 };
    const points = replaySession(draft, [...b.events].reverse());
    expect(points.map((p) => p.eventId)).toEqual(b.events.map((e) => e.id));
    expect(points.some((p) => p.hit)).toBe(false);
    expect(Math.max(...points.map((p) => p.score))).toBeGreaterThan(choosing.prior);
    expect(replaySession(draft, [])).toEqual([]);
  });

  it('reads paths as the site says, letter case included', () => {
    const b = new Browsing();
    b.open('/ADMISSIONS/undergraduates.html');
    b.open('/Admissions/Undergraduates/Programs/Computer-Science.html');
    b.scroll(50);
    b.open('/admissions/undergraduates/programs/BUSINESS.html');
    b.scroll(50);
    b.open('/contact.html');
    const fired = (ignoreCase: boolean) =>
      replaySession(choosing, b.events, { ignoreCase }).some((p) => p.hit);
    expect(fired(true)).toBe(true);
    expect(fired(false)).toBe(false);
  });
});

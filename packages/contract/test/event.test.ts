import { describe, expect, it } from 'vitest';
import { clientEvent, collectedEvent, EVENT_TYPES, type EventType } from '../src/index.js';
import { allInvalidExamples, validExamples } from './examples.js';

describe('client events', () => {
  it('has an example for every event type of the contract', () => {
    expect(Object.keys(validExamples).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(22);
  });

  describe.each(EVENT_TYPES.map((type) => [type] as [EventType]))('%s', (type) => {
    it('accepts a valid example unchanged', () => {
      const result = clientEvent.safeParse(validExamples[type]);
      expect(result.error?.issues).toBeUndefined();
      expect(result.data).toEqual(validExamples[type]);
    });

    it.each(allInvalidExamples(type).map((example) => [example.why, example] as const))(
      'rejects an event where %s',
      (_why, example) => {
        const result = clientEvent.safeParse(example.event);
        expect(result.success).toBe(false);
        const paths = result.error!.issues.map((issue) => issue.path.join('.'));
        expect(
          paths.some((path) => path === example.path || path.startsWith(`${example.path}.`)),
        ).toBe(true);
      },
    );
  });

  it('rejects an unknown type and names the known ones', () => {
    const result = clientEvent.safeParse({ ...validExamples.pageview, type: 'teleport' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['type']);
  });

  it('strips fields the contract does not know, so form values cannot ride along', () => {
    const result = clientEvent.parse({
      ...validExamples.form_submit,
      values: { email: 'someone@example.com', password: 'hunter2' },
    });
    expect(result).not.toHaveProperty('values');
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});

describe('collected events', () => {
  const enrichment = {
    v: 1,
    site: 'shop',
    receivedAt: 1_767_225_600_150,
    clientTs: 1_767_225_600_000,
    path: '/products/lamp',
    personalisation: true,
    browser: 'Chrome',
    browserVersion: '130.0',
    os: 'Linux',
    device: 'desktop',
    bot: false,
    referrerHost: 'www.google.com',
    channel: 'search',
    utm: { source: 'newsletter' },
    country: 'GB',
    ip: '203.0.113.0',
  } as const;

  it('accepts a client event plus the fields ingest adds', () => {
    const result = collectedEvent.safeParse({ ...validExamples.click, ...enrichment });
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toMatchObject({ type: 'click', site: 'shop', channel: 'search' });
  });

  it('rejects a collected event without its enrichment', () => {
    const result = collectedEvent.safeParse(validExamples.click);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['site', 'receivedAt', 'device', 'bot', 'channel']),
    );
  });

  it('requires the path once collected, though the browser may leave it out', () => {
    const { path: _path, ...withoutPath } = validExamples.click;
    expect(clientEvent.safeParse(withoutPath).success).toBe(true);
    const { path: _enrichedPath, ...enrichmentWithoutPath } = enrichment;
    const result = collectedEvent.safeParse({ ...withoutPath, ...enrichmentWithoutPath });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['path']);
  });

  it('rejects an unknown channel and a malformed country', () => {
    const result = collectedEvent.safeParse({
      ...validExamples.pageview,
      ...enrichment,
      channel: 'telepathy',
      country: 'gb',
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'channel',
      'country',
    ]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, TOPIC, topicName, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { FileConfigStore, Profiles } from '@sightline/config-store';
import {
  encodeEventsMessage,
  type AssistanceMessage,
  type CollectedEvent,
  type ProfileHit,
} from '@sightline/contract';
import { createLogger, createMetrics } from '@sightline/observability';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { tableOneVisits, universityProfiles } from '../../../test/visitors/browsing.js';
import { startChatbot, type Chatbot } from '../src/index.js';
import { recordOutputs } from './outputs.js';

const logger = createLogger('chatbot-test', 'silent');
const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '4' });
const events = topicName(config.kafka.topicPrefix, TOPIC.events);

describe('the chatbot on the embedded bus', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let store: FileConfigStore;
  let chatbot: Chatbot | undefined;
  let sent: AssistanceMessage[];
  let hits: ProfileHit[];

  const start = async () => {
    chatbot = await startChatbot({
      bus,
      configStore: store,
      logger,
      registry: createMetrics('chatbot-test'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.chatbot,
    });
  };
  const publish = (list: CollectedEvent[]) =>
    bus.publish(
      events,
      list.map((event) => ({
        key: `${event.site}:${event.visitor}`,
        value: encodeEventsMessage([event]),
      })),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-chatbot-'));
    bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger, batchSize: 50 });
    store = new FileConfigStore(join(dir, 'config.json'));
    await store.start();
    for (const profile of universityProfiles()) await new Profiles(store).put(profile);
    ({ sent, hits } = await recordOutputs(bus, config.kafka.topicPrefix));
    await start();
  });
  afterEach(async () => {
    await chatbot?.close();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each profile’s message to the visitor whose path matches it, once', async () => {
    const browsing = tableOneVisits();
    for (const visitor of Object.values(browsing)) await publish(visitor.events);
    await until(() => sent.length >= 4, { what: 'four messages' });
    // Everything published has been scored and committed: nothing more is coming.
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    expect(sent.map((m) => [m.visitor, m.profileId]).sort()).toEqual([
      ['v-applying', 'planning-to-apply'],
      ['v-lost', 'information-not-found'],
      ['v-programme', 'choosing-programme'],
      ['v-scholarship', 'scholarship'],
    ]);
    const scholarship = sent.find((m) => m.profileId === 'scholarship')!;
    expect(scholarship.text).toContain('30% of the students');
    expect(scholarship.link?.url).toBe('/admissions/aid-scholarships/apply.html');
    expect(scholarship.expiresAt - scholarship.createdAt).toBe(300_000);
    expect(hits.map((h) => h.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThanOrEqual(0.7);
      expect(hit.evidence.length).toBeGreaterThan(0);
      expect(sent.find((m) => m.id === hit.messageId)?.visitor).toBe(hit.visitor);
    }
    // The same events again (a client retry) change nothing.
    for (const visitor of Object.values(browsing)) await publish(visitor.events);
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    expect(sent).toHaveLength(4);
  });

  it('moves past poison — a message that is not JSON, events without the fields it keys on — and scores what follows', async () => {
    const { scholarship } = tableOneVisits();
    const [first, ...rest] = scholarship.events;
    const key = `${first!.site}:${first!.visitor}`;
    await bus.publish(events, [
      { key, value: 'not json' },
      {
        key,
        value: encodeEventsMessage([{ ...first!, ts: undefined, session: undefined }] as never),
      },
      { key, value: encodeEventsMessage([{ ...first!, id: 'x', visitor: 7 }] as never) },
    ]);
    await publish([first!, ...rest]);
    await until(() => sent.length === 1, { what: 'the message after the poison' });
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    expect(sent[0]!.profileId).toBe('scholarship');
  });

  it('loses no score and repeats no message across a restart mid-visit', async () => {
    const { scholarship, applying } = tableOneVisits();
    // Before the restart: the scholarship visitor gets their message, the other is half-way.
    await publish(scholarship.events);
    await publish(applying.events.slice(0, 2));
    await until(() => sent.length === 1, { what: 'first message' });
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    await chatbot!.close();
    await start();
    // After: the half-way visitor completes their path; the other reads one more aid page.
    await publish(applying.events.slice(2));
    scholarship.open('/admissions/aid-scholarships/international.html');
    await publish(scholarship.events.slice(-1));
    await until(() => sent.length >= 2, { what: 'second message' });
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    expect(sent.map((m) => [m.visitor, m.profileId])).toEqual([
      ['v-scholarship', 'scholarship'],
      ['v-applying', 'planning-to-apply'],
    ]);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  });

  it('rebuilds its scores under new profile definitions without sending anything again', async () => {
    const { scholarship } = tableOneVisits();
    await publish(scholarship.events);
    await until(() => sent.length === 1, { what: 'first message' });
    const profiles = new Profiles(store);
    const current = profiles.get('university', 'scholarship')!;
    await profiles.put({ ...current, message: { ...current.message, text: 'New text' } });
    scholarship.open('/admissions/aid-scholarships/international.html');
    await publish(scholarship.events.slice(-1));
    await until(async () =>
      (await bus.lag(config.chatbot.group, events)).every((p) => p.lag === 0),
    );
    expect(sent).toHaveLength(1);
  });
});

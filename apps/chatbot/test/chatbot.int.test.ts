import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { BusConfigStore, Profiles } from '@sightline/config-store';
import {
  encodeEventsMessage,
  type AssistanceMessage,
  type CollectedEvent,
  type ProfileHit,
} from '@sightline/contract';
import { createElasticsearchClient, ElasticsearchHitStore } from '@sightline/store-elasticsearch';
import { createLogger } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { until } from '../../../test/until.js';
import { tableOneVisits, universityProfiles } from '../../../test/visitors/browsing.js';
import { recordOutputs } from './outputs.js';

const root = join(import.meta.dirname, '..', '..', '..');
const logger = createLogger('chatbot-test', 'silent');

describe('the chatbot on real Kafka', () => {
  const name = uniqueName('chatbot');
  const env = {
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${name}.`,
    KAFKA_EVENTS_PARTITIONS: '4',
    CHATBOT_GROUP: `${name}-chatbot`,
    CHATBOT_PORT: '0',
    // Where the chatbot keeps its hits.
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: name,
    // The chatbot never reads InfluxDB: pointed at a port where nothing listens, it still starts.
    INFLUXDB_URL: 'http://127.0.0.1:9',
    // A killed copy's partitions move on after 6 s (the broker's minimum), not 30.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  const events = topicName(config.kafka.topicPrefix, TOPIC.events);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'test' });
  const store = new BusConfigStore(bus, topicName(config.kafka.topicPrefix, TOPIC.config), logger);
  const client = createElasticsearchClient(config.elasticsearch);
  const hitStore = new ElasticsearchHitStore(client, config.elasticsearch);
  let sent: AssistanceMessage[];
  let hits: ProfileHit[];
  const children = new Set<ChildProcess>();

  const spawnChatbot = () => {
    const child = spawn(
      process.execPath,
      ['--conditions=sightline-source', '--import', 'tsx', join(root, 'apps/chatbot/src/main.ts')],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };
  const kill = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const publish = (list: CollectedEvent[]) =>
    bus.publish(
      events,
      list.map((e) => ({ key: `${e.site}:${e.visitor}`, value: encodeEventsMessage([e]) })),
    );
  /** Waits until the group has a member holding every partition. */
  const consuming = () =>
    until(
      async () => {
        const lag = await bus.lag(config.chatbot.group, events);
        return lag.every((p) => p.committed !== null) && lag.every((p) => p.lag === 0);
      },
      { timeoutMs: 60_000, what: 'chatbot consuming' },
    );
  /** A clock message on every partition: each gets a batch, so each commits its position. */
  const tick = () =>
    bus.publish(
      events,
      [0, 1, 2, 3].map((partition) => ({
        key: 'clock',
        value: `{"v":1,"clock":${Date.now()}}`,
        partition,
      })),
    );

  beforeAll(async () => {
    await bus.ensureTopics();
    await store.start();
    for (const profile of universityProfiles()) await new Profiles(store).put(profile);
    ({ sent, hits } = await recordOutputs(bus, config.kafka.topicPrefix));
  });
  afterAll(async () => {
    await Promise.all([...children].map((child) => kill(child)));
    await store.close();
    await client.close();
    await bus.close();
  });

  it('keeps every score, sends no message twice and stores each hit once when killed mid-visit', async () => {
    const first = spawnChatbot();
    // The group starts at the end of the topic: wait until it has committed a position.
    await until(
      async () => {
        await tick();
        return (await bus.lag(config.chatbot.group, events)).every((p) => p.committed !== null);
      },
      { timeoutMs: 60_000, everyMs: 1_000, what: 'chatbot joined' },
    );
    const { scholarship, applying } = tableOneVisits();
    await publish(scholarship.events);
    await publish(applying.events.slice(0, 2));
    await until(() => sent.length === 1, { what: 'first message' });
    await consuming();

    await kill(first);
    spawnChatbot();
    await publish(applying.events.slice(2));
    scholarship.open('/admissions/aid-scholarships/international.html');
    await publish(scholarship.events.slice(-1));
    await until(() => sent.length >= 2, { timeoutMs: 60_000, what: 'second message' });
    await consuming();
    expect(sent.map((m) => [m.visitor, m.profileId])).toEqual([
      ['v-scholarship', 'scholarship'],
      ['v-applying', 'planning-to-apply'],
    ]);
    expect(hits.map((h) => [h.visitor, h.outcome])).toEqual([
      ['v-scholarship', 'sent'],
      ['v-applying', 'sent'],
    ]);

    // The hits published are the hits stored, once each, for the feed and the alerter.
    const stored = async () => {
      await hitStore.refresh();
      return hitStore.hits({
        site: hits[0]!.site,
        range: { from: 0, to: Date.now() + 60_000 },
        limit: 100,
      });
    };
    await until(async () => (await stored()).length >= hits.length, {
      timeoutMs: 30_000,
      what: 'the hits stored',
    });
    expect((await stored()).map((h) => h.id).sort()).toEqual(hits.map((h) => h.id).sort());
  });
});

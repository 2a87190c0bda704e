import { Counter, Gauge, metricsIn, type Histogram, type Registry } from '@sightline/observability';

export interface ChatbotMetrics {
  events: Counter;
  replayed: Counter;
  malformed: Counter;
  hits: Counter<'profile' | 'outcome'>;
  decisionSeconds: Histogram;
  visitors: Gauge;
  evicted: Counter;
  restores: Counter;
}

export function createChatbotMetrics(
  registry: Registry,
  visitors: () => number,
  evicted: () => number,
): ChatbotMetrics {
  const m = metricsIn(registry);
  let lastEvicted = 0;
  const evictedCounter = new Counter({
    name: 'sightline_chatbot_visitors_evicted_total',
    help: 'Visitors forgotten (quiet past the TTL, or beyond the memory cap)',
    registers: [registry],
    collect() {
      const now = evicted();
      if (now > lastEvicted) this.inc(now - lastEvicted);
      lastEvicted = now;
    },
  });
  return {
    events: m.counter('sightline_chatbot_events_total', 'Events scored live'),
    replayed: m.counter(
      'sightline_chatbot_replayed_events_total',
      'Events read again to rebuild scores after a restart or rebalance (nothing sent)',
    ),
    malformed: m.counter(
      'sightline_chatbot_malformed_messages_total',
      'Messages of the events topic that are not events or clock messages (skipped)',
    ),
    hits: m.counter(
      'sightline_chatbot_profile_hits_total',
      'Profiles reached, by profile and outcome (sent, holdout, suppressed)',
      ['profile', 'outcome'],
    ),
    decisionSeconds: m.histogram(
      'sightline_chatbot_decision_seconds',
      'From the event reaching ingest to its hit being published (and committed)',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5],
    ),
    visitors: new Gauge({
      name: 'sightline_chatbot_visitors',
      help: 'Visitors with scores held by this copy',
      registers: [registry],
      collect() {
        this.set(visitors());
      },
    }),
    evicted: evictedCounter,
    restores: m.counter(
      'sightline_chatbot_partition_restores_total',
      'Partitions whose scores were rebuilt by reading the topic again',
    ),
  };
}

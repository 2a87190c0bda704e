import { Counter, Gauge, Histogram, type Registry } from '@sightline/observability';

export interface IngestMetrics {
  accepted: Counter;
  rejected: Counter<'reason'>;
  bots: Counter;
  rateLimited: Counter;
  unavailable: Counter<'reason'>;
  produceSeconds: Histogram;
  requests: Counter<'route' | 'status'>;
  sockets: Gauge;
  assistanceDelivered: Counter;
  assistanceUndeliverable: Counter<'reason'>;
  assistanceSeconds: Histogram<'held'>;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  const registers = [registry];
  return {
    accepted: new Counter({
      name: 'sightline_ingest_events_accepted_total',
      help: 'Events acknowledged by the bus',
      registers,
    }),
    rejected: new Counter({
      name: 'sightline_ingest_events_rejected_total',
      help: 'Events refused, by reason',
      labelNames: ['reason'],
      registers,
    }),
    bots: new Counter({
      name: 'sightline_ingest_bot_events_total',
      help: 'Accepted events flagged as bots',
      registers,
    }),
    rateLimited: new Counter({
      name: 'sightline_ingest_rate_limited_total',
      help: 'Requests refused with 429',
      registers,
    }),
    unavailable: new Counter({
      name: 'sightline_ingest_unavailable_total',
      help: 'Requests refused with 503, by reason',
      labelNames: ['reason'],
      registers,
    }),
    produceSeconds: new Histogram({
      name: 'sightline_ingest_produce_seconds',
      help: 'Time from publish to the bus acknowledgement',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    requests: new Counter({
      name: 'sightline_ingest_requests_total',
      help: 'Collect requests by route and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    sockets: new Gauge({
      name: 'sightline_ingest_open_sockets',
      help: 'Open WebSocket connections',
      registers,
    }),
    assistanceDelivered: new Counter({
      name: 'sightline_ingest_assistance_delivered_total',
      help: 'Assistance messages written to a visitor socket',
      registers,
    }),
    assistanceUndeliverable: new Counter({
      name: 'sightline_ingest_assistance_undeliverable_total',
      help: 'Assistance messages not delivered from this node, by reason',
      labelNames: ['reason'],
      registers,
    }),
    assistanceSeconds: new Histogram({
      name: 'sightline_ingest_assistance_seconds',
      help: 'From receiving the event that completed a profile to writing its message to the page, by whether it waited for the page to connect',
      labelNames: ['held'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.4, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

import {
  metricsIn,
  type Counter,
  type Gauge,
  type Histogram,
  type Registry,
} from '@sightline/observability';

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
  const m = metricsIn(registry);
  return {
    accepted: m.counter('sightline_ingest_events_accepted_total', 'Events acknowledged by the bus'),
    rejected: m.counter('sightline_ingest_events_rejected_total', 'Events refused, by reason', [
      'reason',
    ]),
    bots: m.counter('sightline_ingest_bot_events_total', 'Accepted events flagged as bots'),
    rateLimited: m.counter('sightline_ingest_rate_limited_total', 'Requests refused with 429'),
    unavailable: m.counter(
      'sightline_ingest_unavailable_total',
      'Requests refused with 503, by reason',
      ['reason'],
    ),
    produceSeconds: m.histogram(
      'sightline_ingest_produce_seconds',
      'Time from publish to the bus acknowledgement',
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    ),
    requests: m.counter('sightline_ingest_requests_total', 'Collect requests by route and status', [
      'route',
      'status',
    ]),
    sockets: m.gauge('sightline_ingest_open_sockets', 'Open WebSocket connections'),
    assistanceDelivered: m.counter(
      'sightline_ingest_assistance_delivered_total',
      'Assistance messages written to a visitor socket',
    ),
    assistanceUndeliverable: m.counter(
      'sightline_ingest_assistance_undeliverable_total',
      'Assistance messages not delivered from this node, by reason',
      ['reason'],
    ),
    assistanceSeconds: m.histogram(
      'sightline_ingest_assistance_seconds',
      'From receiving the event that completed a profile to writing its message to the page, by whether it waited for the page to connect',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.4, 0.5, 1, 2.5, 5],
      ['held'],
    ),
  };
}

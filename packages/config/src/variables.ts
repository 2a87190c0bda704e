import { z } from 'zod';
import {
  boolean,
  brokerList,
  httpUrl,
  identifier,
  integer,
  nonEmpty,
  networkList,
  optionalString,
  port,
} from './parsers.js';

export interface Variable<Schema extends z.ZodType = z.ZodType> {
  schema: Schema;
  /** Value used when the variable is unset or empty, in its environment (string) form. */
  default?: string;
  description: string;
  group: string;
  /** Secrets are never printed back (logs, UI, error messages). */
  secret?: boolean;
}

function variable<Schema extends z.ZodType>(
  group: string,
  schema: Schema,
  defaultValue: string | undefined,
  description: string,
  options: { secret?: boolean } = {},
): Variable<Schema> {
  return {
    schema,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    description,
    group,
    ...options,
  };
}

/**
 * Every environment variable Sightline reads, in documentation order. The defaults work on a
 * developer machine with the services started by `infra/up.sh`.
 */
export const variables = {
  LOG_LEVEL: variable(
    'General',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected fatal, error, warn, info, debug, trace or silent',
    }),
    'info',
    'Minimum level of the logs written to stdout.',
  ),
  LOG_FORMAT: variable(
    'General',
    z.enum(['auto', 'json', 'pretty'], { error: 'expected auto, json or pretty' }),
    'auto',
    'How logs are written: `json` (one object per line), `pretty` (one readable line each), or `auto`: pretty on a terminal, JSON when stdout is piped or redirected.',
  ),
  DATA_DIR: variable(
    'General',
    nonEmpty,
    './data',
    'Folder for the embedded store and local state (created if missing).',
  ),
  EMBEDDED_BUS_BACKLOG_MB: variable(
    'General',
    integer(1, 16_384),
    '256',
    'Single process: MiB of events on the bus that a consumer has not read yet. Past it ingest answers 503 with Retry-After (trackers keep their batches and retry), so the lag stays bounded when more is sent than can be stored. The events wait on disk, not in memory.',
  ),
  EMBEDDED_BUS_FSYNC: variable(
    'General',
    boolean,
    'true',
    'Single process: true syncs the bus files to the disk before ingest acknowledges a batch, so nothing acknowledged is lost, even in a power cut. false acknowledges once the operating system has the batch: faster, and it survives a crash of the process, but events acknowledged in the last seconds before a power cut can be lost.',
  ),
  EMBEDDED_BUS_RETENTION_MB: variable(
    'General',
    integer(16, 1_048_576),
    '2048',
    'Single process: MiB each bus topic keeps on disk at most. Past it the oldest files are deleted, even when a consumer has not read them yet (an error is logged); below it events are kept for their topic retention (KAFKA_EVENTS_RETENTION_HOURS for events).',
  ),
  EMBEDDED_STORE_MEMORY_MB: variable(
    'General',
    integer(64, 1_048_576),
    '512',
    'Single process: MiB the embedded store (DuckDB) may hold in memory — its cache of the data file and the work of queries; larger queries spill to a temporary folder beside the file. Memory then stays flat however many events are stored.',
  ),
  HOST: variable(
    'General',
    nonEmpty,
    '127.0.0.1',
    'Interface every app listens on; use 0.0.0.0 in containers.',
  ),
  SHUTDOWN_TIMEOUT_MS: variable(
    'General',
    integer(1_000, 600_000),
    '10000',
    'On SIGTERM or SIGINT each process stops taking requests and flushes, then exits; past this it exits anyway (code 124), naming the steps that had not finished.',
  ),

  WEB_PORT: variable('Ports', port, '3000', 'Admin app (dashboards, settings, HTTP API).'),
  INGEST_PORT: variable(
    'Ports',
    port,
    '3001',
    'Ingest edge: /api/collect, /p.gif, /ws, /sightline.js.',
  ),
  PROCESSOR_PORT: variable(
    'Ports',
    port,
    '3002',
    'Processor health, readiness and metrics endpoints.',
  ),
  CHATBOT_PORT: variable('Ports', port, '3003', 'Chatbot health, readiness and metrics endpoints.'),
  ALERTER_PORT: variable('Ports', port, '3006', 'Alerter health, readiness and metrics endpoints.'),
  WEB_OPS_PORT: variable(
    'Ports',
    port,
    '3004',
    "Admin app's readiness and metrics endpoints (its own port answers only /healthz): keep it private.",
  ),
  INGEST_OPS_PORT: variable(
    'Ports',
    port,
    '3005',
    "Ingest's readiness and metrics endpoints (its public port answers only /healthz): keep it private.",
  ),
  INGEST_PUBLIC_URL: variable(
    'Ports',
    httpUrl,
    'http://localhost:3001',
    'Public address of ingest as browsers see it; used in the install snippet.',
  ),

  SIGHTLINE_SECRET: variable(
    'General',
    optionalString,
    undefined,
    'Secret for derived ids (cookieless visitors) and signed sessions. Unset: generated once into DATA_DIR/secret. Set the same value on every node in distributed mode.',
    { secret: true },
  ),

  WEB_SECURE_COOKIES: variable(
    'Admin app',
    boolean,
    'false',
    'Mark the session cookie Secure (set it when the admin app is served over https).',
  ),
  WEB_TRUST_PROXY: variable(
    'Admin app',
    boolean,
    'false',
    'Take the client address from X-Forwarded-For (sign-in throttling behind a reverse proxy).',
  ),
  SIGHTLINE_OWNER_EMAIL: variable(
    'Admin app',
    optionalString,
    undefined,
    'With SIGHTLINE_OWNER_PASSWORD: the owner account created on first start, instead of asking for it in the browser.',
  ),
  SIGHTLINE_OWNER_PASSWORD: variable(
    'Admin app',
    optionalString,
    undefined,
    "The first owner's password (at least 10 characters); only read while no user exists.",
    { secret: true },
  ),

  INGEST_TRUST_PROXY: variable(
    'Ingest',
    boolean,
    'false',
    'Take the client address from X-Forwarded-For (behind a reverse proxy or load balancer).',
  ),
  INGEST_MAX_CONNECTIONS_PER_ADDRESS: variable(
    'Ingest',
    integer(1, 1_000_000),
    '256',
    'Connections (HTTP and WebSocket) one address may hold open at once; more are closed. Not applied with INGEST_TRUST_PROXY.',
  ),
  INGEST_WORKERS: variable(
    'Ingest',
    integer(1, 64),
    '1',
    'Ingest processes sharing the port on one machine (one per core is typical); each is a full ingest.',
  ),
  INGEST_IP_RATE: variable(
    'Ingest',
    integer(1, 1_000_000),
    '100',
    'Collect requests (HTTP or WebSocket batches) one client address may send per second before 429.',
  ),
  INGEST_SITE_RATE: variable(
    'Ingest',
    integer(1, 10_000_000),
    '20000',
    'Events one site may send per second, over all its visitors, before 429.',
  ),

  INGEST_CLOCK_MS: variable(
    'Ingest',
    integer(0, 60_000),
    '1000',
    'How often ingest writes the time to every partition of the events topic, so windows close and visits end on partitions without traffic (0: never).',
  ),

  PROCESSOR_GROUP: variable(
    'Processor',
    identifier,
    'processor',
    'Consumer group of the processor copies: they share the partitions of the events topic.',
  ),
  PROCESSOR_ALLOWED_LATENESS_MS: variable(
    'Processor',
    integer(0, 3_600_000),
    '30000',
    'How long after its end a 10-second window still takes events (rewritten); later events are stored raw and counted as late.',
  ),
  PROCESSOR_SESSION_TIMEOUT_MS: variable(
    'Processor',
    integer(30_000, 86_400_000),
    '1800000',
    'Inactivity (ingest time) after which a visit ends.',
  ),
  PROCESSOR_FLUSH_MS: variable(
    'Processor',
    integer(100, 60_000),
    '1000',
    'Longest time between writes to the stores (and offset commits) while catching up.',
  ),
  PROCESSOR_LIVE_FLUSH_MS: variable(
    'Processor',
    integer(10, 60_000),
    '250',
    'Once caught up, results are written and published as events arrive, at most this often per partition.',
  ),
  PROCESSOR_CONCURRENCY: variable(
    'Processor',
    integer(1, 256),
    '6',
    'Partitions a processor copy works on at the same time, so their store writes overlap.',
  ),
  PROCESSOR_RAW_POINTS: variable(
    'Processor',
    boolean,
    'true',
    'Also write every event as a point of the InfluxDB measurement "events" (data_type=raw; no visitor ids).',
  ),
  PROCESSOR_STALL_MS: variable(
    'Processor',
    integer(5_000, 3_600_000),
    '60000',
    'A partition with events waiting that stores nothing for this long (a store down, a write that hangs) makes /readyz answer 503, naming the partition.',
  ),

  CHATBOT_GROUP: variable(
    'Chatbot',
    identifier,
    'chatbot',
    'Consumer group of the chatbot copies: they share the partitions of the events topic.',
  ),
  CHATBOT_STATE_TTL_MS: variable(
    'Chatbot',
    integer(60_000, 7 * 86_400_000),
    '1800000',
    'A visitor quiet for this long (ingest time) is forgotten; after a restart the chatbot reads this much of the events topic again to rebuild its scores.',
  ),
  CHATBOT_MAX_VISITORS: variable(
    'Chatbot',
    integer(1_000, 100_000_000),
    '200000',
    'Visitors a chatbot copy keeps scores for; beyond it the least recently seen are forgotten.',
  ),

  RETENTION_EVENTS_DAYS: variable(
    'Retention',
    integer(0, 3_650),
    '395',
    'Days raw events, visits and profile hits are kept for a site that sets none (0: for ever). Whole UTC days go: 395 keeps this day and the 395 before it, enough to compare a month with the same month a year earlier.',
  ),
  RETENTION_AGGREGATES_MONTHS: variable(
    'Retention',
    integer(0, 240),
    '25',
    'Months the 10-second aggregates (charts, totals over long ranges) are kept for a site that sets none (0: for ever). Whole UTC months go.',
  ),
  RETENTION_SWEEP_MINUTES: variable(
    'Retention',
    integer(1, 24 * 60),
    '60',
    'How often the processor deletes what is past retention (one copy of the group does it, the one holding the first partition of the events topic).',
  ),

  ALERTER_GROUP: variable(
    'Alerts',
    identifier,
    'alerter',
    'Consumer group of the alerter copies: the one holding the aggregates topic evaluates the rules, another takes over when it goes.',
  ),
  ALERTS_SETTLE_MS: variable(
    'Alerts',
    integer(0, 60_000),
    '2000',
    'Rules are evaluated every 10 seconds, this long after a window ends (its figures arrive about once a second).',
  ),
  SMTP_URL: variable(
    'Alerts',
    z
      .string()
      .regex(
        /^smtps?:\/\/[^:@/]*@?[^@/]+$/,
        'expected smtp://user@host:port or smtps://…, without a password',
      )
      .optional(),
    undefined,
    'SMTP server for e-mail alerts, as smtp://user@host:587 (STARTTLS when offered) or smtps://user@host:465. Unset: e-mail channels report that no server is configured.',
  ),
  SMTP_PASSWORD: variable('Alerts', optionalString, undefined, "The SMTP user's password.", {
    secret: true,
  }),
  ALERTS_EMAIL_FROM: variable(
    'Alerts',
    nonEmpty,
    'Sightline <alerts@localhost>',
    'Sender of alert e-mails.',
  ),
  WEBHOOK_ALLOWED_NETWORKS: variable(
    'Alerts',
    networkList,
    '',
    'Webhooks go only to public addresses: loopback, private, link-local (cloud metadata), unique-local and internal names are refused, when a channel is saved and before each delivery. List here, separated by commas, the networks (10.20.0.0/16), addresses and host names of intranet receivers to allow. The admin app and ingest hosts are never allowed.',
  ),
  PUBLIC_ADMIN_URL: variable(
    'Alerts',
    httpUrl,
    'http://localhost:3000',
    'Address of the admin app as its users see it; alert e-mails and webhooks link to it.',
  ),

  DEMO_VISITS_PER_MINUTE: variable(
    'Demo',
    integer(0, 100_000),
    '0',
    'Above 0, the single process adds the demo sites (a shop, a university), their profiles and alert rules, and sends this many simulated visits per minute to itself (npm run demo sets 60).',
  ),

  KAFKA_BROKERS: variable(
    'Kafka',
    brokerList,
    '127.0.0.1:9092',
    'Bootstrap brokers, comma-separated host:port.',
  ),
  KAFKA_CLIENT_ID: variable(
    'Kafka',
    identifier,
    'sightline',
    'Client id prefix reported to the brokers.',
  ),
  KAFKA_TOPIC_PREFIX: variable(
    'Kafka',
    z.union([z.literal(''), identifier]),
    '',
    'Prefix for every topic name, to share a cluster between installations.',
  ),
  KAFKA_EVENTS_PARTITIONS: variable(
    'Kafka',
    integer(1, 1024),
    '6',
    'Partitions of the events topic: the most processor or chatbot copies that can share the load.',
  ),
  KAFKA_REPLICATION_FACTOR: variable(
    'Kafka',
    integer(1, 16),
    '1',
    'Replication factor of topics Sightline creates (3 on a production cluster).',
  ),
  KAFKA_EVENTS_RETENTION_HOURS: variable(
    'Kafka',
    integer(1, 24 * 365),
    '168',
    'How long raw events stay on the bus for replay and backfill.',
  ),
  KAFKA_SESSION_TIMEOUT_MS: variable(
    'Kafka',
    integer(6_000, 300_000),
    '30000',
    'How long a consumer (processor, chatbot) may go silent before its partitions move to another copy.',
  ),
  KAFKA_SSL: variable('Kafka', boolean, 'false', 'Connect to the brokers over TLS.'),
  KAFKA_SASL_MECHANISM: variable(
    'Kafka',
    z.enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512'], {
      error: 'expected none, plain, scram-sha-256 or scram-sha-512',
    }),
    'none',
    'SASL authentication mechanism.',
  ),
  KAFKA_SASL_USERNAME: variable('Kafka', optionalString, undefined, 'SASL user name.'),
  KAFKA_SASL_PASSWORD: variable('Kafka', optionalString, undefined, 'SASL password.', {
    secret: true,
  }),

  ELASTICSEARCH_URL: variable(
    'Elasticsearch',
    httpUrl,
    'http://127.0.0.1:9200',
    'Elasticsearch 8.x node or load balancer.',
  ),
  ELASTICSEARCH_USERNAME: variable(
    'Elasticsearch',
    optionalString,
    undefined,
    'Basic-auth user (when security is on).',
  ),
  ELASTICSEARCH_PASSWORD: variable(
    'Elasticsearch',
    optionalString,
    undefined,
    'Basic-auth password.',
    {
      secret: true,
    },
  ),
  ELASTICSEARCH_API_KEY: variable(
    'Elasticsearch',
    optionalString,
    undefined,
    'API key (instead of user and password).',
    { secret: true },
  ),
  ELASTICSEARCH_INDEX_PREFIX: variable(
    'Elasticsearch',
    identifier,
    'sightline',
    'Prefix of every index and index template Sightline creates.',
  ),
  ELASTICSEARCH_SHARDS: variable(
    'Elasticsearch',
    integer(1, 64),
    '1',
    'Primary shards per daily index.',
  ),
  ELASTICSEARCH_REPLICAS: variable(
    'Elasticsearch',
    integer(0, 8),
    '0',
    'Replicas per index (1 or more on a multi-node cluster).',
  ),

  INFLUXDB_URL: variable(
    'InfluxDB',
    httpUrl,
    'http://127.0.0.1:8086',
    'InfluxDB server (1.x, 2.x or 3.x).',
  ),
  INFLUXDB_API: variable(
    'InfluxDB',
    z.enum(['v1', 'v2'], { error: 'expected v1 or v2' }),
    'v1',
    'v1: /write and /query with a database (InfluxDB 1.x, or 2.x/3.x through their v1 compatibility API). v2: the official client with org, bucket and token (InfluxDB 1.8+, 2.x, 3.x).',
  ),
  INFLUXDB_DATABASE: variable(
    'InfluxDB',
    identifier,
    'sightline',
    'Database (v1) — for 2.x/3.x, the bucket name its DBRP mapping answers to.',
  ),
  INFLUXDB_RETENTION_POLICY: variable(
    'InfluxDB',
    optionalString,
    undefined,
    'Retention policy to write to (v1); the database default when unset.',
  ),
  INFLUXDB_USERNAME: variable(
    'InfluxDB',
    optionalString,
    undefined,
    'User name (v1 with auth enabled).',
  ),
  INFLUXDB_PASSWORD: variable('InfluxDB', optionalString, undefined, 'Password (v1).', {
    secret: true,
  }),
  INFLUXDB_TOKEN: variable(
    'InfluxDB',
    optionalString,
    undefined,
    'API token (v2; also accepted by 2.x/3.x on the v1 API).',
    { secret: true },
  ),
  INFLUXDB_ORG: variable('InfluxDB', optionalString, undefined, 'Organisation (v2).'),
  INFLUXDB_BUCKET: variable(
    'InfluxDB',
    optionalString,
    undefined,
    'Bucket (v2); defaults to INFLUXDB_DATABASE.',
  ),
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof variables;
export type Env = { [Name in VariableName]: z.output<(typeof variables)[Name]['schema']> };

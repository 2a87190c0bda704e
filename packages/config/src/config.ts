import type { Env } from './variables.js';

/** The structured configuration the apps receive, built from the flat environment. */
export interface Config {
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  dataDir: string;
  /** MiB of unread events on the embedded bus before ingest sheds load. */
  embeddedBusBacklogMb: number;
  /** Sync the embedded bus's files before acknowledging (survives power loss, not only kill -9). */
  embeddedBusFsync: boolean;
  /** MiB each embedded bus topic keeps on disk at most. */
  embeddedBusRetentionMb: number;
  /** MiB the embedded store (DuckDB) may hold in memory. */
  embeddedStoreMemoryMb: number;
  host: string;
  /** How long a shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  ports: {
    web: number;
    ingest: number;
    processor: number;
    chatbot: number;
    alerter: number;
    /** Readiness and metrics of the admin app and of ingest, apart from their own ports. */
    webOps: number;
    ingestOps: number;
  };
  ingestPublicUrl: string;
  /** Undefined: the apps generate one under dataDir. */
  secret?: string;
  ingest: {
    trustProxy: boolean;
    maxConnectionsPerAddress: number;
    workers: number;
    ipRate: number;
    siteRate: number;
    clockMs: number;
  };
  web: WebConfig;
  processor: ProcessorConfig;
  chatbot: ChatbotConfig;
  alerts: AlertsConfig;
  retention: RetentionConfig;
  kafka: KafkaConfig;
  elasticsearch: ElasticsearchConfig;
  influxdb: InfluxdbConfig;
  /** Simulated visits per minute in the single process (0: no demo). */
  demoVisitsPerMinute: number;
}

export interface WebConfig {
  secureCookies: boolean;
  trustProxy: boolean;
  /** The first owner, taken from the environment instead of the set-up page. */
  owner?: { email: string; password: string };
}

export interface ProcessorConfig {
  group: string;
  allowedLatenessMs: number;
  sessionTimeoutMs: number;
  flushMs: number;
  liveFlushMs: number;
  rawPoints: boolean;
  /** A partition with work waiting that stores nothing for this long makes the processor unready. */
  stallMs: number;
  /** Partitions worked on at the same time. */
  concurrency: number;
}

export interface RetentionConfig {
  /** Defaults of sites that set no retention of their own (0: for ever). */
  eventsDays: number;
  aggregatesMonths: number;
  sweepMs: number;
}

export interface AlertsConfig {
  /** Consumer group of the alerter copies: the one holding `aggregates` evaluates. */
  group: string;
  /** Delay after a window ends before rules are evaluated over it. */
  settleMs: number;
  /** Undefined: e-mail channels cannot send. */
  smtpUrl?: string;
  emailFrom: string;
  /** Links in notifications point here. */
  adminUrl: string;
  /** Where webhooks may go besides public addresses, and the product's own hosts (never). */
  webhooks: { allow: string[]; own: string[] };
}

export interface ChatbotConfig {
  group: string;
  /** Visitors quiet for this long are forgotten; a restart replays this much of the topic. */
  stateTtlMs: number;
  maxVisitors: number;
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  eventsPartitions: number;
  replicationFactor: number;
  eventsRetentionHours: number;
  sessionTimeoutMs: number;
  ssl: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

export interface ElasticsearchConfig {
  url: string;
  auth?: { username: string; password: string } | { apiKey: string };
  indexPrefix: string;
  shards: number;
  replicas: number;
}

export type InfluxdbConfig =
  | {
      api: 'v1';
      url: string;
      database: string;
      retentionPolicy?: string;
      username?: string;
      password?: string;
      /** 2.x/3.x accept a token on their v1 compatibility API. */
      token?: string;
    }
  | { api: 'v2'; url: string; org: string; bucket: string; token: string; database: string };

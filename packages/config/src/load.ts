import type { Config } from './config.js';
import { variables, type Env, type VariableName } from './variables.js';

export interface ConfigProblem {
  variable: VariableName;
  message: string;
}

/** Thrown when the environment holds a bad value; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

function parseVariables(source: Source): { env: Env; problems: ConfigProblem[] } {
  const env: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, spec] of Object.entries(variables) as [
    VariableName,
    (typeof variables)[VariableName],
  ][]) {
    // An empty value counts as unset, as `FOO=` in compose files and .env files means.
    const raw = source[name] === '' || source[name] === undefined ? spec.default : source[name];
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      env[name] = result.data;
    } else {
      const shown =
        'secret' in spec && spec.secret ? '' : ` (got ${JSON.stringify(withoutPassword(raw))})`;
      problems.push({ variable: name, message: `${result.error.issues[0]!.message}${shown}` });
    }
  }
  return { env: env as Env, problems };
}

/** Rules that involve more than one variable. */
function crossCheck(env: Env): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (env.KAFKA_SASL_MECHANISM !== 'none') {
    if (!env.KAFKA_SASL_USERNAME)
      problems.push({
        variable: 'KAFKA_SASL_USERNAME',
        message: 'required when KAFKA_SASL_MECHANISM is set',
      });
    if (!env.KAFKA_SASL_PASSWORD)
      problems.push({
        variable: 'KAFKA_SASL_PASSWORD',
        message: 'required when KAFKA_SASL_MECHANISM is set',
      });
  }
  if (Boolean(env.ELASTICSEARCH_USERNAME) !== Boolean(env.ELASTICSEARCH_PASSWORD)) {
    problems.push({
      variable: env.ELASTICSEARCH_USERNAME ? 'ELASTICSEARCH_PASSWORD' : 'ELASTICSEARCH_USERNAME',
      message: 'ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD go together',
    });
  }
  if (env.INFLUXDB_API === 'v2') {
    if (!env.INFLUXDB_TOKEN)
      problems.push({ variable: 'INFLUXDB_TOKEN', message: 'required when INFLUXDB_API is v2' });
    if (!env.INFLUXDB_ORG)
      problems.push({ variable: 'INFLUXDB_ORG', message: 'required when INFLUXDB_API is v2' });
  }
  return problems;
}

function build(env: Env): Config {
  const sasl =
    env.KAFKA_SASL_MECHANISM === 'none'
      ? undefined
      : {
          mechanism: env.KAFKA_SASL_MECHANISM,
          username: env.KAFKA_SASL_USERNAME ?? '',
          password: env.KAFKA_SASL_PASSWORD ?? '',
        };
  const esAuth = env.ELASTICSEARCH_API_KEY
    ? { apiKey: env.ELASTICSEARCH_API_KEY }
    : env.ELASTICSEARCH_USERNAME
      ? { username: env.ELASTICSEARCH_USERNAME, password: env.ELASTICSEARCH_PASSWORD ?? '' }
      : undefined;
  const influxdb: Config['influxdb'] =
    env.INFLUXDB_API === 'v2'
      ? {
          api: 'v2',
          url: env.INFLUXDB_URL,
          org: env.INFLUXDB_ORG ?? '',
          bucket: env.INFLUXDB_BUCKET ?? env.INFLUXDB_DATABASE,
          token: env.INFLUXDB_TOKEN ?? '',
          database: env.INFLUXDB_DATABASE,
        }
      : {
          api: 'v1',
          url: env.INFLUXDB_URL,
          database: env.INFLUXDB_DATABASE,
          ...(env.INFLUXDB_RETENTION_POLICY
            ? { retentionPolicy: env.INFLUXDB_RETENTION_POLICY }
            : {}),
          ...(env.INFLUXDB_USERNAME ? { username: env.INFLUXDB_USERNAME } : {}),
          ...(env.INFLUXDB_PASSWORD ? { password: env.INFLUXDB_PASSWORD } : {}),
          ...(env.INFLUXDB_TOKEN ? { token: env.INFLUXDB_TOKEN } : {}),
        };

  return {
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    dataDir: env.DATA_DIR,
    embeddedBusBacklogMb: env.EMBEDDED_BUS_BACKLOG_MB,
    embeddedBusFsync: env.EMBEDDED_BUS_FSYNC,
    embeddedBusRetentionMb: env.EMBEDDED_BUS_RETENTION_MB,
    embeddedStoreMemoryMb: env.EMBEDDED_STORE_MEMORY_MB,
    host: env.HOST,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    ports: {
      web: env.WEB_PORT,
      ingest: env.INGEST_PORT,
      processor: env.PROCESSOR_PORT,
      chatbot: env.CHATBOT_PORT,
      alerter: env.ALERTER_PORT,
      webOps: env.WEB_OPS_PORT,
      ingestOps: env.INGEST_OPS_PORT,
    },
    ingestPublicUrl: env.INGEST_PUBLIC_URL,
    ...(env.SIGHTLINE_SECRET ? { secret: env.SIGHTLINE_SECRET } : {}),
    ingest: {
      trustProxy: env.INGEST_TRUST_PROXY,
      maxConnectionsPerAddress: env.INGEST_MAX_CONNECTIONS_PER_ADDRESS,
      workers: env.INGEST_WORKERS,
      ipRate: env.INGEST_IP_RATE,
      siteRate: env.INGEST_SITE_RATE,
      clockMs: env.INGEST_CLOCK_MS,
    },
    web: {
      secureCookies: env.WEB_SECURE_COOKIES,
      trustProxy: env.WEB_TRUST_PROXY,
      ...(env.SIGHTLINE_OWNER_EMAIL && env.SIGHTLINE_OWNER_PASSWORD
        ? { owner: { email: env.SIGHTLINE_OWNER_EMAIL, password: env.SIGHTLINE_OWNER_PASSWORD } }
        : {}),
    },
    chatbot: {
      group: env.CHATBOT_GROUP,
      stateTtlMs: env.CHATBOT_STATE_TTL_MS,
      maxVisitors: env.CHATBOT_MAX_VISITORS,
    },
    alerts: {
      group: env.ALERTER_GROUP,
      settleMs: env.ALERTS_SETTLE_MS,
      ...(env.SMTP_URL ? { smtpUrl: smtpUrl(env.SMTP_URL, env.SMTP_PASSWORD) } : {}),
      emailFrom: env.ALERTS_EMAIL_FROM,
      adminUrl: env.PUBLIC_ADMIN_URL,
      webhooks: {
        allow: env.WEBHOOK_ALLOWED_NETWORKS,
        own: [env.PUBLIC_ADMIN_URL, env.INGEST_PUBLIC_URL],
      },
    },
    retention: {
      eventsDays: env.RETENTION_EVENTS_DAYS,
      aggregatesMonths: env.RETENTION_AGGREGATES_MONTHS,
      sweepMs: env.RETENTION_SWEEP_MINUTES * 60_000,
    },
    processor: {
      group: env.PROCESSOR_GROUP,
      allowedLatenessMs: env.PROCESSOR_ALLOWED_LATENESS_MS,
      sessionTimeoutMs: env.PROCESSOR_SESSION_TIMEOUT_MS,
      flushMs: env.PROCESSOR_FLUSH_MS,
      liveFlushMs: env.PROCESSOR_LIVE_FLUSH_MS,
      rawPoints: env.PROCESSOR_RAW_POINTS,
      stallMs: env.PROCESSOR_STALL_MS,
      concurrency: env.PROCESSOR_CONCURRENCY,
    },
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: env.KAFKA_CLIENT_ID,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      eventsPartitions: env.KAFKA_EVENTS_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      eventsRetentionHours: env.KAFKA_EVENTS_RETENTION_HOURS,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      ssl: env.KAFKA_SSL,
      ...(sasl ? { sasl } : {}),
    },
    elasticsearch: {
      url: env.ELASTICSEARCH_URL,
      ...(esAuth ? { auth: esAuth } : {}),
      indexPrefix: env.ELASTICSEARCH_INDEX_PREFIX,
      shards: env.ELASTICSEARCH_SHARDS,
      replicas: env.ELASTICSEARCH_REPLICAS,
    },
    influxdb,
    demoVisitsPerMinute: env.DEMO_VISITS_PER_MINUTE,
  };
}

/** A value as it may be shown: a password inside an address (`//user:password@`) masked. */
const withoutPassword = (raw: string | undefined) =>
  raw?.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');

/** The SMTP address with its password, which is configured apart so that it stays secret. */
function smtpUrl(address: string, password: string | undefined): string {
  if (!password) return address;
  const url = new URL(address);
  url.password = password;
  return url.toString();
}

/**
 * Reads the configuration from the environment (defaults for anything unset) and validates it.
 * Throws `ConfigError` naming every bad variable; apps print it and exit.
 */
export function loadConfig(source: Source = process.env): Config {
  const { env, problems } = parseVariables(source);
  if (problems.length > 0) throw new ConfigError(problems);
  const crossProblems = crossCheck(env);
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  return build(env);
}

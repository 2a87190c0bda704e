import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  renderEnvExample,
  renderMarkdownTable,
  variables,
} from '../src/index.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works out of the box with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      logLevel: 'info',
      host: '127.0.0.1',
      ports: { web: 3000, ingest: 3001, processor: 3002, chatbot: 3003, alerter: 3006 },
      kafka: { brokers: ['127.0.0.1:9092'], eventsPartitions: 6, ssl: false },
      elasticsearch: { url: 'http://127.0.0.1:9200', indexPrefix: 'sightline' },
      influxdb: { api: 'v1', url: 'http://127.0.0.1:8086', database: 'sightline' },
    });
    expect(config.kafka.sasl).toBeUndefined();
  });

  it('parses typed values', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_SSL: 'true',
      INGEST_PORT: '8080',
      ELASTICSEARCH_URL: 'https://es.internal:9200/',
      ELASTICSEARCH_API_KEY: 'abc',
    });
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.kafka.ssl).toBe(true);
    expect(config.ports.ingest).toBe(8080);
    expect(config.elasticsearch.url).toBe('https://es.internal:9200');
    expect(config.elasticsearch.auth).toEqual({ apiKey: 'abc' });
  });

  it('reads the networks webhooks may reach besides public addresses, and refuses what is not one', () => {
    expect(loadConfig({}).alerts.webhooks).toEqual({
      allow: [],
      own: ['http://localhost:3000', 'http://localhost:3001'],
    });
    expect(
      loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd00::/8 ,intranet.corp,192.168.1.5' })
        .alerts.webhooks.allow,
    ).toEqual(['10.20.0.0/16', 'fd00::/8', 'intranet.corp', '192.168.1.5']);
    for (const bad of ['10.0.0.0/33', 'http://x', '10.0.0.0/8/1', 'a b'])
      expect(problemsOf({ WEBHOOK_ALLOWED_NETWORKS: bad })[0]).toMatch(
        /^WEBHOOK_ALLOWED_NETWORKS: .*expected networks/,
      );
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ WEB_PORT: '' }).ports.web).toBe(3000);
  });

  it('names every bad variable and the value it got', () => {
    const problems = problemsOf({
      INGEST_PORT: 'abc',
      WEB_PORT: '70000',
      LOG_LEVEL: 'loud',
      KAFKA_BROKERS: 'localhost',
      ELASTICSEARCH_URL: 'ftp://x',
      KAFKA_SSL: 'maybe',
    });
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^INGEST_PORT: .*"abc"/),
        expect.stringMatching(/^WEB_PORT: a port is from 0 to 65535 \(got "70000"\)/),
        expect.stringMatching(/^LOG_LEVEL: expected fatal, error/),
        expect.stringMatching(/^KAFKA_BROKERS: expected host:port/),
        expect.stringMatching(/^ELASTICSEARCH_URL: /),
        expect.stringMatching(/^KAFKA_SSL: expected true or false/),
      ]),
    );
  });

  it('never echoes a secret in an error', () => {
    const problems = problemsOf({ INFLUXDB_API: 'v2', INFLUXDB_TOKEN: '', INFLUXDB_ORG: 'acme' });
    expect(problems).toEqual(['INFLUXDB_TOKEN: required when INFLUXDB_API is v2']);
    // Secrets are never printed back, even when they fail to parse.
    for (const [name, spec] of Object.entries(variables)) {
      if ('secret' in spec && spec.secret) expect(name).toMatch(/PASSWORD|TOKEN|KEY|SECRET/);
    }
  });

  it('checks variables that go together', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      'KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set',
    ]);
    expect(problemsOf({ ELASTICSEARCH_USERNAME: 'elastic' })).toEqual([
      'ELASTICSEARCH_PASSWORD: ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD go together',
    ]);
  });

  it('builds an InfluxDB v2 configuration with the bucket defaulting to the database', () => {
    const config = loadConfig({ INFLUXDB_API: 'v2', INFLUXDB_TOKEN: 't', INFLUXDB_ORG: 'acme' });
    expect(config.influxdb).toEqual({
      api: 'v2',
      url: 'http://127.0.0.1:8086',
      org: 'acme',
      bucket: 'sightline',
      token: 't',
      database: 'sightline',
    });
  });
});

describe('alerts', () => {
  it('keeps the SMTP password apart from the address and joins them for the mailer', () => {
    expect(loadConfig({}).alerts).toMatchObject({
      settleMs: 2000,
      emailFrom: 'Sightline <alerts@localhost>',
      adminUrl: 'http://localhost:3000',
    });
    expect(loadConfig({}).alerts.smtpUrl).toBeUndefined();
    const config = loadConfig({ SMTP_URL: 'smtp://ops@mail.example:587', SMTP_PASSWORD: 'p@ss' });
    expect(config.alerts.smtpUrl).toBe('smtp://ops:p%40ss@mail.example:587');
    expect(() => loadConfig({ SMTP_URL: 'smtp://ops:secret@mail.example' })).toThrow(
      /SMTP_URL: expected smtp:\/\/user@host:port/,
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://ops:secret@mail.example' })).not.toThrow(/secret/);
  });
});

describe('generated documentation', () => {
  const root = join(import.meta.dirname, '..', '..', '..');

  it('.env.example lists every variable (npm run env-example -w @sightline/config)', () => {
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('docs/configuration.md carries the current table', () => {
    expect(readFileSync(join(root, 'docs', 'configuration.md'), 'utf8')).toContain(
      renderMarkdownTable(),
    );
  });
});

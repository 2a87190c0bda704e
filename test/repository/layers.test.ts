import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

/** A workspace package's manifest by its name (`@sightline/ports` → packages/ports). */
function manifest(name: string): Manifest | undefined {
  const folder = name.replace('@sightline/', '');
  for (const parent of ['packages', 'apps']) {
    const path = join(ROOT, parent, folder, 'package.json');
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  }
  return undefined;
}

/** Every package a workspace package depends on at run time, through the workspace's own. */
function closure(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of Object.keys(manifest(name)?.dependencies ?? {})) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    if (dependency.startsWith('@sightline/')) closure(dependency, seen);
  }
  return seen;
}

/** The packages a folder's sources import (bare specifiers, `node:` built-ins left out). */
function imported(folder: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const text = readFileSync(join(ROOT, folder, entry), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
      if (spec!.startsWith('node:')) continue;
      const parts = spec!.split('/');
      found.add(spec!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return found;
}

const CLIENTS = ['@elastic/elasticsearch', '@influxdata/influxdb-client', 'kafkajs'];

describe('the layers', () => {
  it('keep the ports free of any adapter: they depend on the contract alone', () => {
    expect([...closure('@sightline/ports')]).toEqual(['@sightline/contract', 'zod']);
  });

  it('keep the embedded adapters free of the Elasticsearch, InfluxDB and Kafka clients', () => {
    const needed = closure('@sightline/store-embedded');
    expect(needed.has('@sightline/ports')).toBe(true);
    expect(CLIENTS.filter((client) => needed.has(client))).toEqual([]);
  });

  it('hold: the sources of the ports, the embedded adapters and the pure logic import only what their manifests declare', () => {
    expect(imported('packages/store-embedded/src')).toContain('@duckdb/node-api');
    for (const folder of [
      'ports',
      'store-embedded',
      'enrichment',
      'windowing',
      'scoring',
      'alerting',
    ]) {
      const declared = Object.keys(manifest(`@sightline/${folder}`)?.dependencies ?? {});
      const undeclared = [...imported(`packages/${folder}/src`)].filter(
        (d) => !declared.includes(d),
      );
      expect(undeclared, folder).toEqual([]);
    }
  });

  it('keep the pure logic packages on the contract alone', () => {
    for (const name of [
      '@sightline/enrichment',
      '@sightline/windowing',
      '@sightline/scoring',
      '@sightline/alerting',
    ])
      expect(
        [...closure(name)].filter((d) => d.startsWith('@sightline/')),
        name,
      ).toEqual(['@sightline/contract']);
  });

  it('leave opening the parts to the runtime: no app source opens a bus, store or configuration', () => {
    const opening =
      /new (KafkaBus|EmbeddedBus|BusConfigStore|FileConfigStore|Elasticsearch\w+Store|InfluxMetricsStore)\b|(EmbeddedBus\.open|openEmbeddedStores|distributedStores)\(/;
    const offenders: string[] = [];
    for (const folder of [
      'apps/ingest/src',
      'apps/processor/src',
      'apps/chatbot/src',
      'apps/alerter/src',
      'apps/standalone/src',
      'apps/web/server',
    ]) {
      for (const entry of readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })) {
        if (!entry.endsWith('.ts')) continue;
        if (opening.test(readFileSync(join(ROOT, folder, entry), 'utf8')))
          offenders.push(`${folder}/${entry}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(
      opening.test(readFileSync(join(ROOT, 'packages/runtime/src/open-embedded.ts'), 'utf8')),
    ).toBe(true);
  });
});

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startTraffic } from './run/traffic-run.js';

const USAGE = `Usage: sightline-traffic --ingest URL [--shop SITE_KEY] [--university SITE_KEY]
         [--rate VISITS_PER_MINUTE] [--speed N] [--duration SECONDS] [--socket-share 0..1] [--flat]

Sends realistic visits (a furniture shop, a university admissions site) to a Sightline ingest.`;

function main(): void {
  const { values } = parseArgs({
    options: {
      ingest: { type: 'string' },
      shop: { type: 'string' },
      university: { type: 'string' },
      rate: { type: 'string', default: '60' },
      speed: { type: 'string', default: '1' },
      duration: { type: 'string' },
      'socket-share': { type: 'string', default: '0.5' },
      flat: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const number = (name: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  if (values.help || !values.ingest || (!values.shop && !values.university)) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const run = startTraffic({
    ingestUrl: values.ingest.replace(/\/$/, ''),
    sites: {
      ...(values.shop ? { shop: values.shop } : {}),
      ...(values.university ? { university: values.university } : {}),
    },
    visitsPerMinute: number('rate', values.rate, 0.1, 1_000_000),
    speed: number('speed', values.speed, 1, 1_000),
    socketShare: number('socket-share', values['socket-share'], 0, 1),
    dailyShape: !values.flat,
    ...(values.duration ? { durationMs: number('duration', values.duration, 1, 1e7) * 1_000 } : {}),
  });
  const report = () =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...run.stats })}\n`);
  const timer = setInterval(report, 10_000);
  const stop = () => void run.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void run.done.then(() => {
    clearInterval(timer);
    report();
  });
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
}

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@sightline/observability';
import { afterEach, expect } from 'vitest';
import { type IncomingMessage } from '@sightline/ports';
import { EmbeddedBus, type EmbeddedBusOptions } from '../src/index.js';

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is given, to check what the bus warned about. */
export function recordingLogger(): { logger: Logger; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at =
    (level: LoggedLine['level']) =>
    (fields: Record<string, unknown>, message = '') =>
      void lines.push({ level, fields, message });
  const logger = {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: () => undefined,
    trace: () => undefined,
    fatal: at('error'),
    child: () => logger,
  };
  return { logger: logger as unknown as Logger, lines };
}

/** A fresh folder per test, removed after it, and the buses opened on it closed. */
export function tempDirs(): {
  dir(): Promise<string>;
  open(options: EmbeddedBusOptions): Promise<EmbeddedBus>;
} {
  const dirs: string[] = [];
  const buses: EmbeddedBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async dir() {
      const dir = await mkdtemp(join(tmpdir(), 'sightline-bus-'));
      dirs.push(dir);
      return dir;
    },
    async open(options) {
      const bus = await EmbeddedBus.open(options);
      buses.push(bus);
      return bus;
    },
  };
}

/** Every message of `topic` from the start, read by a group of its own that commits nothing. */
export async function readAll(bus: EmbeddedBus, topic: string): Promise<IncomingMessage[]> {
  const ends = await bus.endOffsets(topic);
  const starts = await bus.offsetsAt(topic, -Infinity);
  const expected = ends.reduce((sum, p, i) => sum + Number(p.end) - Number(starts[i]!.offset), 0);
  const seen: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    topics: [topic],
    group: `read-all-${Math.random()}`,
    fromBeginning: true,
    commit: 'none',
    handleBatch: (batch) => {
      seen.push(...batch.messages);
      return Promise.resolve();
    },
  });
  const deadline = Date.now() + 10_000;
  while (seen.length < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await subscription.close();
  return seen;
}

/** The one segment file of a partition (a test that wrote less than a segment). */
export async function onlySegment(dir: string, topic: string, partition: number): Promise<string> {
  const folder = join(dir, topic, String(partition));
  const files = await readdir(folder);
  expect(files).toHaveLength(1);
  return join(folder, files[0]!);
}

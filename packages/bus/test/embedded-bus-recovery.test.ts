import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@sightline/observability';
import { describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { DiskPartitionLog } from '../src/embedded/disk-partition-log.js';
import { OffsetStore } from '../src/embedded/offset-store.js';
import { encodeRecord } from '../src/embedded/record-codec.js';
import { onlySegment, readAll, recordingLogger, tempDirs } from './disk-helpers.js';

const logger = createLogger('test', 'silent');
const values = (messages: { value: Buffer | string }[]) => messages.map((m) => m.value.toString());
const numbered = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ key: 'k', value: String(from + i) }));

const record = (offset: number) =>
  encodeRecord({
    offset,
    timestamp: Date.now(),
    key: 'k',
    headers: {},
    value: Buffer.from('never acknowledged'),
    transaction: '',
  });

describe('EmbeddedBus on disk, after a crash', () => {
  const temp = tempDirs();
  const topics = [{ name: 'events', partitions: 1 }];

  it('cuts a torn tail (a bad CRC, then half a record) and goes on from the last whole record', async () => {
    const dir = await temp.dir();
    const first = await temp.open({ dir, topics, logger });
    await first.publish('events', numbered(10));
    await first.close();
    const file = await onlySegment(dir, 'events', 0);
    const size = (await stat(file)).size;
    const badCrc = record(10);
    badCrc[badCrc.length - 1]! ^= 0xff;
    await appendFile(file, Buffer.concat([badCrc, record(11).subarray(0, 12)]));

    const { logger: recording, lines } = recordingLogger();
    const second = await temp.open({ dir, topics, logger: recording });
    expect(lines.find((line) => /torn tail/.test(line.message))).toMatchObject({
      level: 'warn',
      fields: { reason: 'CRC mismatch', nextOffset: 10 },
    });
    expect((await stat(file)).size).toBe(size);
    expect(values(await readAll(second, 'events'))).toEqual(values(numbered(10)));
    await second.publish('events', numbered(1, 10));
    await second.close();

    const third = await temp.open({ dir, topics, logger });
    expect(values(await readAll(third, 'events'))).toEqual(values(numbered(11)));
    expect(await third.endOffsets('events')).toEqual([{ partition: 0, end: '11' }]);
  });

  it('cuts a record whose header was written only in part', async () => {
    const dir = await temp.dir();
    const first = await temp.open({ dir, topics, logger, firstOffset: 500 });
    await first.publish('events', numbered(3));
    await first.close();
    await appendFile(await onlySegment(dir, 'events', 0), record(503).subarray(0, 5));
    const second = await temp.open({ dir, topics, logger });
    expect(await second.endOffsets('events')).toEqual([{ partition: 0, end: '503' }]);
    await second.publish('events', numbered(1, 3));
    expect(values(await readAll(second, 'events'))).toEqual(values(numbered(4)));
  });

  it.each(['true', 'false'])(
    'keeps every acknowledged message, once, through kill -9 while publishing (fsync %s)',
    async (fsync) => {
      const dir = await temp.dir();
      const script = join(import.meta.dirname, 'fixtures', 'publish-until-killed.ts');
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=sightline-source', script, dir, fsync],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = once(child, 'exit');
      await until(() => output.split('\n').length > 3_000, { timeoutMs: 15_000 });
      child.kill('SIGKILL');
      await exited;
      // Only whole lines: the number of a message whose publish was acknowledged.
      const acknowledged = output
        .split('\n')
        .slice(1, -1)
        .map((line) => `message-${line}`);

      const bus = await temp.open({ dir, topics: [{ name: 'events', partitions: 3 }], logger });
      const stored = values(await readAll(bus, 'events'));
      expect(new Set(stored).size).toBe(stored.length);
      const kept = new Set(stored);
      expect(acknowledged.filter((value) => !kept.has(value))).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(3_000);
    },
    20_000,
  );

  it('finishes a commitWith that crashed after its decision: outputs once, commit kept', async () => {
    const dir = await temp.dir();
    const twoTopics = [
      { name: 'events', partitions: 1 },
      { name: 'out', partitions: 1 },
    ];
    const setUp = await temp.open({ dir, topics: twoTopics, logger });
    await setUp.publish('out', [{ key: 'x', value: 'before' }]);
    await setUp.close();

    // The decision is durable, then the process dies before appending any output.
    const offsets = await OffsetStore.open({
      path: join(dir, 'offsets.log'),
      fsync: true,
      compactBytes: 1024 * 1024,
      logger,
    });
    const output = (value: string) => ({
      key: 'x',
      value: Buffer.from(value),
      headers: {},
      timestamp: 1,
    });
    await offsets.decide({
      id: 'transaction-1',
      commit: { group: 'g', topic: 'events', partition: 0, offset: 7, metadata: 'state' },
      outputs: [{ topic: 'out', partition: 0, from: 1, messages: [output('a'), output('b')] }],
    });
    await offsets.close();

    const { logger: recording, lines } = recordingLogger();
    const reopened = await temp.open({ dir, topics: twoTopics, logger: recording });
    expect(await reopened.lag('g', 'events')).toMatchObject([
      { committed: '7', metadata: 'state' },
    ]);
    expect(values(await readAll(reopened, 'out'))).toEqual(['before', 'a', 'b']);
    expect(lines.some((line) => /interrupted by a crash/.test(line.message))).toBe(true);
    await reopened.close();

    // Done now: opening again adds nothing.
    const again = await temp.open({ dir, topics: twoTopics, logger });
    expect(values(await readAll(again, 'out'))).toEqual(['before', 'a', 'b']);
  });

  it('appends only the outputs of a crashed commitWith that are not there yet', async () => {
    const dir = await temp.dir();
    const twoTopics = [
      { name: 'events', partitions: 1 },
      { name: 'out', partitions: 1 },
    ];
    await (await temp.open({ dir, topics: twoTopics, logger })).close();
    const offsets = await OffsetStore.open({
      path: join(dir, 'offsets.log'),
      fsync: true,
      compactBytes: 1024 * 1024,
      logger,
    });
    const outputs = ['a', 'b', 'c'].map((value) => ({
      key: 'x',
      value: Buffer.from(value),
      headers: {},
      timestamp: 1,
    }));
    const commit = { group: 'g', topic: 'events', partition: 0, offset: 3, metadata: null };
    await offsets.decide({
      id: 'cut',
      commit,
      outputs: [{ topic: 'out', partition: 0, from: 0, messages: outputs }],
    });
    await offsets.decide({
      id: 'whole',
      commit: { ...commit, offset: 4 },
      outputs: [{ topic: 'out', partition: 0, from: 0, messages: outputs }],
    });
    await offsets.close();
    const log = await DiskPartitionLog.open({
      dir: join(dir, 'out', '0'),
      topic: 'out',
      partition: 0,
      firstOffset: 0,
      fsync: true,
      segmentBytes: 1024 * 1024,
      cacheBytes: 1024 * 1024,
      retention: {},
      logger,
    });
    // 'cut' got its three outputs out but the last was torn by the crash; 'whole' got all three
    // out, and another publisher wrote after them, before the crash took the 'done' marker.
    await log.append(outputs, 1, 'whole');
    await log.append([{ key: 'y', value: 'other' }], 1);
    await log.append(outputs, 1, 'cut');
    await log.close();
    const file = await onlySegment(dir, 'out', 0);
    await truncate(file, (await stat(file)).size - 3);

    const reopened = await temp.open({ dir, topics: twoTopics, logger });
    expect(values(await readAll(reopened, 'out'))).toEqual(['a', 'b', 'c', 'other', 'a', 'b', 'c']);
    expect(await reopened.lag('g', 'events')).toMatchObject([{ committed: '4' }]);
  });

  it('opens closed segments from their summaries, and from the file when a summary does not fit', async () => {
    const dir = await temp.dir();
    const options = { dir, topics, logger, segmentBytes: 2048 };
    const first = await temp.open(options);
    const start = Date.now() - 60_000;
    for (let i = 0; i < 10; i++)
      await first.publish(
        'events',
        numbered(30, i * 30).map((m) => ({ ...m, timestamp: start + i * 1_000 })),
      );
    await first.close();
    const folder = join(dir, 'events', '0');
    const summaries = (await readdir(folder)).filter((name) => name.endsWith('.index'));
    expect(summaries.length).toBeGreaterThan(3);

    const check = async () => {
      const bus = await temp.open(options);
      expect(values(await readAll(bus, 'events'))).toEqual(values(numbered(300)));
      expect(await bus.offsetsAt('events', start + 5_000)).toEqual([
        { partition: 0, offset: '150' },
      ]);
      await bus.publish('events', numbered(1, 300));
      await bus.close();
    };
    await check();
    // A summary of another size than its segment, and one that is not JSON, are not trusted.
    await writeFile(join(folder, summaries[0]!), '{"base":0,"size":1,"end":1}');
    await writeFile(join(folder, summaries[1]!), 'garbage');
    const bus = await temp.open(options);
    expect(values(await readAll(bus, 'events'))).toEqual(values(numbered(301)));
    expect(await bus.offsetsAt('events', start + 5_000)).toEqual([{ partition: 0, offset: '150' }]);
  });

  it('lets one process at a time open a folder, and takes over the lock of a dead one', async () => {
    const dir = await temp.dir();
    await temp.open({ dir, topics, logger });
    await expect(temp.open({ dir, topics, logger })).rejects.toThrow(
      new RegExp(`in use by process ${process.pid}`),
    );

    const other = await temp.dir();
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    await writeFile(join(other, 'bus.lock'), `${dead.pid}\n`);
    const bus = await temp.open({ dir: other, topics, logger });
    expect((await readFile(join(other, 'bus.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await bus.close();
    await expect(stat(join(other, 'bus.lock'))).rejects.toThrow(/ENOENT/);

    // In a container the process that died may have had the pid this one has now.
    await writeFile(join(other, 'bus.lock'), `${process.pid}\n`);
    await (await temp.open({ dir: other, topics, logger })).close();
  });
});

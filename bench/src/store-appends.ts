import { rmSync } from 'node:fs';
import { openEmbeddedStores } from '@sightline/store-embedded';
import { probeAppends, type AppendProbe } from './lib/append-probe.js';
import { growthFolder } from './lib/grow-store.js';
import { record, table } from './lib/report.js';
import { shopHistory } from './lib/shop-history.js';

/**
 * The single process's raw-event appends as its store grows, alone (no load, no other work):
 * does an append cost more in a bigger store? At each size, the store (grown as in the
 * store-growth benchmark) is opened and ROUNDS rounds of one bus batch per partition are
 * appended through the port, after WARMUP untimed ones; each round is timed.
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000000,4000000,10000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 12;
const PARTITIONS = 6;
const BATCH = 300;
const MEMORY_MB = Number(process.env.EMBEDDED_STORE_MEMORY_MB ?? 512);
const DAY = 86_400_000;
const SITE = 'bench';

async function main() {
  const { root, end, grower } = growthFolder('sightline-appends-', {
    site: SITE,
    template: 1_000_000,
    memoryLimitMb: MEMORY_MB,
    ledger: 'recent',
  });
  const results: { size: number; probe: AppendProbe }[] = [];
  let stored = 0;
  try {
    for (const [round, size] of SIZES.entries()) {
      await grower.grow(size, stored);
      stored = size;
      const events = [
        ...shopHistory({
          site: SITE,
          from: end - DAY,
          end,
          count: PARTITIONS * BATCH * (WARMUP + ROUNDS),
          seed: 500 + round,
        }),
      ].flatMap((chunk) => chunk.events);
      const stores = await openEmbeddedStores(grower.databasePath, { memoryLimitMb: MEMORY_MB });
      try {
        const probe = await probeAppends(stores.events, events, {
          partitions: PARTITIONS,
          batchSize: BATCH,
          warmupRounds: WARMUP,
          firstOffset: 1e15 + round * 1e7,
        });
        results.push({ size, probe });
        console.log(JSON.stringify({ size, probe }));
      } finally {
        await stores.close();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const first = results[0]!.probe.roundMs.p50;
  await record(
    'store-appends',
    'Single process: raw-event appends as the store grows',
    `npm run bench -- store-appends (BENCH_SIZES=${SIZES.join(',')})`,
    table(
      [
        'Events stored',
        'Round (1,800 events): median / p95 / max',
        'Median vs first size',
        'Events/s at the median',
        'Events/s over all rounds (checkpoints included)',
      ],
      results.map(({ size, probe }) => [
        `${(size / 1e6).toFixed(0)} M`,
        `${probe.roundMs.p50} / ${probe.roundMs.p95} / ${probe.roundMs.max} ms`,
        `${probe.roundMs.p50 >= first ? '+' : ''}${((100 * (probe.roundMs.p50 - first)) / first).toFixed(0)} %`,
        Math.round((PARTITIONS * BATCH * 1_000) / probe.roundMs.p50).toLocaleString('en'),
        probe.eventsPerS.toLocaleString('en'),
      ]),
    ),
    results,
    `Each size opens the store grown as in "Single process as the store grows" (a month of shop traffic, copied with new ids and visitors), appends ${WARMUP} untimed rounds and then ${ROUNDS} timed rounds of ${PARTITIONS} bus batches of ${BATCH} events (one per partition, appended together through the port as the processor does), on a ${MEMORY_MB} MiB store memory limit. The median round is the append itself; the maximum is a checkpoint (DuckDB writes its log into the file about every 16 MiB, a dozen rounds; the first after opening also rewrites the partly filled row groups at the end of the table, about 2 s). The overall rate therefore depends on how many of those land among the timed rounds, which is why earlier 40-round probes spread so widely.`,
  );
}

await main();

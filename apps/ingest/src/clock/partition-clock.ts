import type { Bus } from '@sightline/ports';
import { CLOCK_KEY, encodeClockMessage } from '@sightline/contract';
import type { Logger } from '@sightline/observability';

export interface PartitionClockOptions {
  bus: Bus;
  topic: string;
  intervalMs: number;
  logger: Logger;
}

/** How often the partition list is read again (partitions can be added to a topic). */
const PARTITIONS_REFRESH_MS = 60_000;

/**
 * Writes ingest's time to every partition of the events topic at a steady pace. Consumers keep
 * event-time clocks per partition; without traffic those would stand still, leaving the last
 * windows open and visits unended. Written to the log, the ticks replay exactly like events.
 */
export function startPartitionClock(options: PartitionClockOptions): { close(): Promise<void> } {
  let partitions: number[] = [];
  let partitionsReadAt = 0;
  let running: Promise<void> | undefined;
  let failing = false;

  const tick = async () => {
    const now = Date.now();
    if (now - partitionsReadAt > PARTITIONS_REFRESH_MS || partitions.length === 0) {
      partitions = (await options.bus.endOffsets(options.topic)).map((p) => p.partition);
      partitionsReadAt = now;
    }
    const value = encodeClockMessage(now);
    await options.bus.publish(
      options.topic,
      partitions.map((partition) => ({ key: CLOCK_KEY, value, partition, timestamp: now })),
    );
  };

  const timer = setInterval(() => {
    if (running) return; // the bus is slow: skip a beat rather than pile up
    running = tick()
      .then(() => {
        if (failing) options.logger.info({ topic: options.topic }, 'partition clock running again');
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing)
          options.logger.warn(
            { topic: options.topic, err: String(error) },
            'partition clock failed',
          );
        failing = true;
      })
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  timer.unref();

  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

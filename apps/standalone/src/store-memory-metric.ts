import type { EmbeddedStores } from '@sightline/store-embedded';
import { Gauge, type Registry } from 'prom-client';

/**
 * Adds DuckDB's memory to a registry's metrics: with the JS heap (`sightline_nodejs_heap_*`) it
 * tells where the process's memory is as the store grows.
 */
export function storeMemoryMetric(registry: Registry, stores: EmbeddedStores): Registry {
  new Gauge({
    name: 'sightline_embedded_store_memory_bytes',
    help: 'Bytes DuckDB holds in memory (buffers and tables), at most EMBEDDED_STORE_MEMORY_MB',
    registers: [registry],
    async collect() {
      this.set(await stores.memoryBytes());
    },
  });
  return registry;
}

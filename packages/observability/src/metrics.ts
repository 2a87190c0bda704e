import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type GaugeConfiguration,
} from 'prom-client';

export { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';

/** A Prometheus registry for one service, with Node's process metrics (CPU, memory, event loop). */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'sightline_' });
  return registry;
}

/**
 * Makers of metrics registered in `registry`: a name, its help and its labels, the rest of
 * prom-client's options (buckets, collect) when needed.
 */
export function metricsIn(registry: Registry) {
  const registers = [registry];
  return {
    counter: <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers }),
    gauge: <L extends string = never>(
      name: string,
      help: string,
      labelNames: L[] = [],
      options: Pick<GaugeConfiguration<L>, 'collect'> = {},
    ) => new Gauge<L>({ name, help, labelNames, registers, ...options }),
    histogram: <L extends string = never>(
      name: string,
      help: string,
      buckets: number[],
      labelNames: L[] = [],
    ) => new Histogram<L>({ name, help, buckets, labelNames, registers }),
  };
}

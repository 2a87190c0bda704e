import { emptyWindowMetrics, type WindowAggregate } from '@sightline/contract';
import { WINDOW_FIELDS } from '@sightline/contract';
import type { MetricsStore } from '@sightline/ports';
import { expect, it } from 'vitest';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function window(
  partition: number,
  start: number,
  pageviews: number,
  final: boolean,
): WindowAggregate {
  return {
    v: 1,
    site: 'shop',
    start,
    partition,
    final,
    metrics: {
      ...emptyWindowMetrics(),
      events: pageviews + 1,
      pageviews,
      visitors: pageviews,
      types: { pageview: pageviews, click: 1 },
      revenue: final ? { EUR: 12.5 } : {},
    },
    activeVisitors: 3,
    watermark: start + 10_000,
  };
}

/** What every MetricsStore must do: the same tests run against InfluxDB and the embedded store. */
export function metricsStoreContract(setup: () => MetricsStore) {
  it('keeps the last write of each window and sums the partitions per step', async () => {
    const store = setup();
    await store.writeWindows([
      window(0, T0, 5, false),
      window(1, T0, 2, false),
      window(0, T0 + 10_000, 1, false),
    ]);
    // The final write of partition 0's first window replaces its partial.
    await store.writeWindows([window(0, T0, 7, true)]);
    const series = await store.series({
      site: 'shop',
      range: { from: T0, to: T0 + 60_000 },
      stepMs: 10_000,
      fields: ['pageviews', 'type_click', 'type_download', 'revenue_EUR'],
    });
    expect(series).toEqual([
      { time: T0, values: { pageviews: 9, type_click: 2, type_download: 0, revenue_EUR: 12.5 } },
      {
        time: T0 + 10_000,
        values: { pageviews: 1, type_click: 1, type_download: 0, revenue_EUR: 0 },
      },
    ]);
    const minute = await store.series({
      site: 'shop',
      range: { from: T0, to: T0 + 60_000 },
      stepMs: 60_000,
      fields: ['pageviews'],
    });
    expect(minute).toEqual([{ time: T0, values: { pageviews: 10 } }]);
    expect(WINDOW_FIELDS).toContain('type_form_submit');
  });

  it('refuses field names that are not plain identifiers', async () => {
    const store = setup();
    await expect(
      store.series({
        site: 'shop',
        range: { from: T0, to: T0 + 1 },
        stepMs: 10_000,
        fields: ['pageviews") FROM x; --'],
      }),
    ).rejects.toThrow(/unknown field/);
  });
}

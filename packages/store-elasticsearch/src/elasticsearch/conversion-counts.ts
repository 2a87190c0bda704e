import type { Client } from '@elastic/elasticsearch';
import type { ConversionCounts, ConversionQuery } from '@sightline/ports';
import { buildQuery, filtersQuery, VISITORS_PRECISION } from './query.js';

/** Currencies summed per target: far more than a shop sells in. */
const CURRENCIES = 50;

interface TargetBucket {
  doc_count: number;
  visitors: { value: number };
  valued: { currencies: { buckets: { key: string; revenue: { value: number } }[] } };
}

const visitors = { cardinality: { field: 'visitor', precision_threshold: VISITORS_PRECISION } };

/**
 * The range's visitors and every target's conversions in one search: a `filters` aggregation
 * with a bucket per target, each with its distinct visitors and its revenue per currency.
 */
export async function conversionCounts(
  client: Client,
  index: string,
  query: ConversionQuery,
): Promise<ConversionCounts> {
  const response = await client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    query: buildQuery(query),
    aggs: {
      visitors,
      ...(query.targets.length === 0
        ? {}
        : {
            targets: {
              filters: { filters: query.targets.map(filtersQuery) },
              aggs: {
                visitors,
                // Only events with a value: a currency none of them carries has no revenue.
                valued: {
                  filter: { exists: { field: 'value' } },
                  aggs: {
                    currencies: {
                      terms: { field: 'currency', size: CURRENCIES },
                      aggs: { revenue: { sum: { field: 'value' } } },
                    },
                  },
                },
              },
            },
          }),
    },
  });
  const aggregations = response.aggregations as
    { visitors: { value: number }; targets?: { buckets: TargetBucket[] } } | undefined;
  const buckets = aggregations?.targets?.buckets ?? [];
  return {
    visitors: aggregations?.visitors.value ?? 0,
    targets: query.targets.map((_, k) => {
      const bucket = buckets[k];
      return {
        visitors: bucket?.visitors.value ?? 0,
        events: bucket?.doc_count ?? 0,
        revenue: Object.fromEntries(
          (bucket?.valued.currencies.buckets ?? []).map((currency) => [
            currency.key,
            currency.revenue.value,
          ]),
        ),
      };
    }),
  };
}

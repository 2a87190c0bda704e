import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { CollectedEvent, RetentionCutoffs } from '@sightline/contract';
import {
  selectsVisitors,
  type ActivityQuery,
  type ActivityRow,
  type AppendResult,
  type ConversionCounts,
  type ConversionQuery,
  type EventQuery,
  type EventStore,
  type FunnelQuery,
  type FunnelStep,
  type GroupBucket,
  type ScanQuery,
  type SearchQuery,
  type SearchResult,
  type TimeBucket,
  type TopQuery,
} from '@sightline/ports';
import { runBulk } from './bulk.js';
import { conversionCounts } from './conversion-counts.js';
import { eraseVisitors } from './erase-visitors.js';
import { expireDocuments } from './expire-documents.js';
import type { StepsIn } from './build-funnel-blocks.js';
import { followFunnel } from './follow-funnel.js';
import { FunnelBlockIndex } from './funnel-block-index.js';
import { FunnelBlocks } from './funnel-blocks.js';
import { funnelKey } from './funnel-key.js';
import { resolveVisitorFilters } from './resolve-visitor-filters.js';
import {
  eventsIndexFor,
  eventsIndexPattern,
  eventsIndexPeriod,
  eventsTemplateName,
} from './index-names.js';
import { eventsTemplate, STORAGE_FIELDS, STORAGE_PROPERTIES } from './mapping.js';
import { buildQuery, exactField, VISITORS_PRECISION } from './query.js';
import { aggregate } from './aggregate.js';
import { ElasticsearchIndexStore } from './index-store.js';

export function createElasticsearchClient(config: ElasticsearchConfig): Client {
  return new Client({
    node: config.url,
    ...(config.auth ? { auth: config.auth } : {}),
    requestTimeout: 30_000,
    maxRetries: 2,
  });
}

/**
 * Whether blocks can answer a funnel: one of two steps or more, without a filter on visitors who
 * reached a goal (those are the range's own, which a block cannot stand for).
 */
const blocksFor = (query: FunnelQuery) =>
  query.steps.length > 1 && !(query.filters ?? []).some(selectsVisitors);

/** A funnel's step queries, for any range: each step's filters on top of the query's. */
const stepsIn =
  (query: FunnelQuery): StepsIn =>
  (range) =>
    query.steps.map((step) =>
      buildQuery({ ...query, range, filters: [...(query.filters ?? []), ...step] }),
    );

/** The EventStore on Elasticsearch 8.x: daily indices, `_id` = event id, bulk `create`. */
export class ElasticsearchEventStore extends ElasticsearchIndexStore implements EventStore {
  private readonly blockIndex: FunnelBlockIndex;
  private readonly funnelBlocks: FunnelBlocks;

  private readonly now: () => number;

  constructor(
    client: Client,
    config: ElasticsearchConfig,
    /** The store's clock (events' `storedAt`, funnel blocks): tests move it on. */
    options: { now?: () => number } = {},
  ) {
    super(client, config, eventsIndexPattern(config.indexPrefix));
    this.now = options.now ?? Date.now;
    this.blockIndex = new FunnelBlockIndex(client, config);
    this.funnelBlocks = new FunnelBlocks(client, this.index, this.blockIndex, this.now);
  }

  async ensureSchema(): Promise<void> {
    await this.blockIndex.ensureSchema();
    await this.client.indices.putIndexTemplate({
      name: eventsTemplateName(this.config.indexPrefix),
      ...eventsTemplate({
        pattern: this.index,
        shards: this.config.shards,
        replicas: this.config.replicas,
      }),
    });
    // Indices made before a field was added get it too (a new field is all a mapping can take).
    await this.client.indices.putMapping({
      index: this.index,
      allow_no_indices: true,
      ignore_unavailable: true,
      properties: STORAGE_PROPERTIES,
    });
  }

  async append(events: CollectedEvent[]): Promise<AppendResult> {
    const result: AppendResult = { created: 0, duplicates: 0, rejected: [] };
    if (events.length === 0) return result;
    const outcomes = await runBulk(
      this.client,
      // create (not index): the first copy of an event id wins, a repeat is a 409.
      events.map((event) => ({
        action: 'create',
        index: eventsIndexFor(this.config.indexPrefix, event.ts),
        id: event.id,
        document: event,
      })),
      () => ({ storedAt: this.now() }),
    );
    let passing: string | undefined;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 201 || outcome.status === 200) result.created++;
      else if (outcome.status === 409) result.duplicates++;
      // 400: this event breaks the mapping, for good. Anything else is the cluster's state
      // (a write block, security): the whole append fails and is tried again.
      else if (outcome.status === 400)
        result.rejected.push({
          id: events[i]!.id,
          reason: outcome.reason ?? String(outcome.status),
        });
      else passing ??= outcome.reason ?? String(outcome.status);
    });
    if (passing !== undefined) throw new Error(`Elasticsearch refused events: ${passing}`);
    return result;
  }

  async search(asked: SearchQuery): Promise<SearchResult> {
    const query = await this.resolved(asked);
    const order = query.order ?? 'desc';
    const response = await this.client.search<CollectedEvent>({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: buildQuery(query),
      sort: [{ ts: { order } }, { id: { order } }],
      size: query.limit,
      track_total_hits: true,
      _source_excludes: STORAGE_FIELDS,
    });
    const total = response.hits.total;
    return {
      events: response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : [])),
      total: typeof total === 'number' ? total : (total?.value ?? 0),
    };
  }

  async scan(asked: ScanQuery): Promise<CollectedEvent[]> {
    const query = await this.resolved(asked);
    const response = await this.client.search<CollectedEvent>({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: buildQuery(query),
      sort: [{ ts: { order: 'asc' } }, { id: { order: 'asc' } }],
      ...(query.after ? { search_after: [query.after.ts, query.after.id] } : {}),
      size: query.limit,
      track_total_hits: false,
      _source_excludes: STORAGE_FIELDS,
    });
    return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  }

  async erase(site: string, visitors: string[]): Promise<number> {
    const erased = await eraseVisitors(this.client, this.index, site, visitors);
    // The site's funnel blocks counted those visitors: built again from what is left.
    await this.blockIndex.forgetSite(site);
    return erased;
  }

  async expire(cutoffs: RetentionCutoffs): Promise<number> {
    const expired = await expireDocuments(this.client, this.index, 'ts', cutoffs, (index) =>
      eventsIndexPeriod(this.config.indexPrefix, index),
    );
    await this.blockIndex.expire(cutoffs);
    return expired;
  }

  async timeseries(asked: EventQuery & { stepMs: number }): Promise<TimeBucket[]> {
    const query = await this.resolved(asked);
    const aggregations = await aggregate<{
      steps?: { buckets: { key: number; doc_count: number; visitors: { value: number } }[] };
    }>(this.client, this.index, buildQuery(query), {
      steps: {
        date_histogram: {
          field: 'ts',
          fixed_interval: `${query.stepMs}ms`,
          min_doc_count: 0,
          extended_bounds: { min: query.range.from, max: query.range.to - 1 },
        },
        aggs: {
          visitors: {
            cardinality: { field: 'visitor', precision_threshold: VISITORS_PRECISION },
          },
        },
      },
    });
    return (aggregations?.steps?.buckets ?? []).map((bucket) => ({
      time: bucket.key,
      events: bucket.doc_count,
      visitors: bucket.visitors.value,
    }));
  }

  async topN(asked: TopQuery): Promise<GroupBucket[]> {
    const query = await this.resolved(asked);
    const aggregations = await aggregate<{
      top?: {
        buckets: {
          key: string | number;
          doc_count: number;
          visitors: { value: number };
          sum?: { value: number };
        }[];
      };
    }>(this.client, this.index, buildQuery(query), {
      top: {
        terms: { field: exactField(query.dimension), size: query.limit },
        aggs: {
          visitors: {
            cardinality: { field: 'visitor', precision_threshold: VISITORS_PRECISION },
          },
          ...(query.sum === undefined ? {} : { sum: { sum: { field: exactField(query.sum) } } }),
        },
      },
    });
    return (aggregations?.top?.buckets ?? []).map((bucket) => ({
      key: String(bucket.key),
      events: bucket.doc_count,
      visitors: bucket.visitors.value,
      ...(bucket.sum ? { sum: bucket.sum.value } : {}),
    }));
  }

  async conversions(query: ConversionQuery): Promise<ConversionCounts> {
    return conversionCounts(this.client, this.index, await this.resolved(query));
  }

  /** The query with its filters on visitors (a goal reached) read into lists of visitors. */
  private resolved<Q extends EventQuery>(query: Q): Promise<Q> {
    return resolveVisitorFilters(this.client, this.index, query);
  }

  /**
   * Elasticsearch has no joins: each step's matching events are read (their visit and time only,
   * from doc values) and the visits followed through the steps here, except for the hours that
   * funnel blocks already answer for (see FunnelBlocks).
   */
  async funnel(asked: FunnelQuery): Promise<FunnelStep[]> {
    const query = await this.resolved(asked);
    const steps = stepsIn(query);
    if (!blocksFor(query)) return followFunnel(this.client, this.index, steps(query.range));
    return this.funnelBlocks.funnel(funnelKey(asked), asked.site, steps, query.range);
  }

  /** Builds the funnel's missing blocks over the range (a funnel just saved, say). */
  prepareFunnel(query: FunnelQuery): void {
    if (blocksFor(query))
      this.funnelBlocks.prepare(funnelKey(query), query.site, stepsIn(query), query.range);
  }

  /** Resolves once the funnel blocks being built are written (benchmarks and tests). */
  funnelBlocksBuilt(): Promise<void> {
    return this.funnelBlocks.settled();
  }

  async activity(asked: ActivityQuery): Promise<ActivityRow[]> {
    const query = await this.resolved(asked);
    const rows: ActivityRow[] = [];
    const minEvents = query.minEvents ?? 1;
    let after: Record<string, unknown> | undefined;
    while (rows.length < query.limit) {
      const response = await this.client.search({
        index: this.index,
        ignore_unavailable: true,
        allow_no_indices: true,
        size: 0,
        query: buildQuery(query),
        aggs: {
          activity: {
            composite: {
              size: 1_000,
              sources: [
                { start: { histogram: { field: 'ts', interval: Math.max(1, query.stepMs) } } },
                { visitor: { terms: { field: 'visitor' } } },
                { ip: { terms: { field: 'ip', missing_bucket: true } } },
                { country: { terms: { field: 'country', missing_bucket: true } } },
              ],
              ...(after ? { after } : {}),
            },
            aggs: { pageviews: { filter: { term: { type: 'pageview' } } } },
          },
        },
      });
      const page = response.aggregations?.activity as
        | {
            after_key?: Record<string, unknown>;
            buckets: {
              key: {
                start: number | string;
                visitor: string;
                ip: string | null;
                country: string | null;
              };
              doc_count: number;
              pageviews: { doc_count: number };
            }[];
          }
        | undefined;
      for (const bucket of page?.buckets ?? []) {
        if (bucket.doc_count < minEvents) continue;
        rows.push({
          start: Number(bucket.key.start),
          visitor: bucket.key.visitor,
          ...(bucket.key.ip === null ? {} : { ip: bucket.key.ip }),
          ...(bucket.key.country === null ? {} : { country: bucket.key.country }),
          events: bucket.doc_count,
          pageviews: bucket.pageviews.doc_count,
        });
      }
      if (!page?.after_key || page.buckets.length === 0) break;
      after = page.after_key;
    }
    return rows.slice(0, query.limit);
  }

  async check(): Promise<void> {
    const health = await this.client.cluster.health({ timeout: '2s' });
    if (health.status === 'red') throw new Error('cluster status is red');
  }

  async close(): Promise<void> {
    this.funnelBlocks.close();
    await this.client.close();
  }
}

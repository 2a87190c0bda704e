import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { RetentionCutoffs, SessionRecord } from '@sightline/contract';
import {
  isVisitFilter,
  type SessionStore,
  type VisitDimension,
  type VisitQuery,
  type VisitStats,
} from '@sightline/ports';
import { indexEach } from './bulk.js';
import { eraseVisitors } from './erase-visitors.js';
import { expireDocuments } from './expire-documents.js';
import { epochRange, type ResolvedFilter } from './query.js';
import { eventsIndexPattern, sessionsIndex, sessionsTemplateName } from './index-names.js';
import { resolveVisitorFilters } from './resolve-visitor-filters.js';
import { SESSION_PROPERTIES } from './results-mapping.js';
import { searchAll } from './search-all.js';
import { ElasticsearchIndexStore } from './index-store.js';

/**
 * The bool query of a site's visits that started in a range and match the visit filters (see
 * VISIT_FILTER_FIELDS; filters on the visitors who reached something resolved into lists of
 * them), with `more` conditions.
 */
function visitsOf(query: VisitQuery, more: Record<string, unknown>[] = []) {
  const filter: Record<string, unknown>[] = [
    { term: { site: query.site } },
    epochRange('start', query.range.from, query.range.to),
    ...more,
  ];
  const mustNot: Record<string, unknown>[] = [];
  for (const f of (query.filters ?? []) as ResolvedFilter[]) {
    if (!isVisitFilter(f)) throw new Error(`unknown field "${f.field}" for visits`);
    if (f.op === 'reached' || f.op === 'notReached') {
      if (f.visitors === undefined) throw new Error('a filter on visitors must be resolved first');
      (f.op === 'reached' ? filter : mustNot).push({ terms: { visitor: f.visitors } });
      continue;
    }
    (f.op === 'eq' ? filter : mustNot).push({ term: { [f.field]: f.value } });
  }
  return { bool: { filter, ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

/** Visits on Elasticsearch: one index, `_id` = the visit id. */
export class ElasticsearchSessionStore extends ElasticsearchIndexStore implements SessionStore {
  constructor(client: Client, config: ElasticsearchConfig) {
    super(client, config, sessionsIndex(config.indexPrefix));
  }

  ensureSchema(): Promise<void> {
    return this.putTemplate(sessionsTemplateName(this.config.indexPrefix), SESSION_PROPERTIES);
  }

  async writeSessions(records: SessionRecord[]): Promise<void> {
    await indexEach(this.client, records, (record) => ({ index: this.index, id: record.id }));
  }

  async sessionsToRestore(
    partition: number,
    fromOffset: number,
    closedBefore: number,
  ): Promise<SessionRecord[]> {
    // What the last writer stored must be visible to this search, whatever the refresh interval.
    await this.refresh();
    return searchAll<SessionRecord>(this.client, {
      index: this.index,
      query: {
        bool: {
          filter: [{ term: { partition } }],
          should: [
            { term: { status: 'open' } },
            { range: { lastOffset: { gte: fromOffset } } },
            { range: { endWindow: { gte: closedBefore, format: 'epoch_millis' } } },
          ],
          minimum_should_match: 1,
        },
      },
      sort: [{ id: 'asc' }],
    });
  }

  async visitStats(asked: VisitQuery): Promise<VisitStats> {
    const query = await this.resolved(asked);
    const response = await this.client.search({
      index: this.index,
      ignore_unavailable: true,
      size: 0,
      track_total_hits: true,
      query: visitsOf(query),
      aggs: {
        bounces: { filter: { range: { pageviews: { lte: 1 } } } },
        duration: { sum: { field: 'durationMs' } },
      },
    });
    const total = response.hits.total;
    const aggs = response.aggregations as
      { bounces: { doc_count: number }; duration: { value: number } } | undefined;
    return {
      visits: typeof total === 'number' ? total : (total?.value ?? 0),
      bounces: aggs?.bounces.doc_count ?? 0,
      durationMsSum: aggs?.duration.value ?? 0,
    };
  }

  async topVisits(
    asked: VisitQuery & { dimension: VisitDimension; limit: number },
  ): Promise<{ key: string; visits: number }[]> {
    const query = await this.resolved(asked);
    const response = await this.client.search({
      index: this.index,
      ignore_unavailable: true,
      size: 0,
      query: visitsOf(query),
      aggs: {
        top: {
          terms: {
            field: query.dimension,
            size: query.limit,
            order: [{ _count: 'desc' }, { _key: 'asc' }],
          },
        },
      },
    });
    const top = response.aggregations?.top as
      { buckets: { key: string; doc_count: number }[] } | undefined;
    return (top?.buckets ?? []).map((b) => ({ key: String(b.key), visits: b.doc_count }));
  }

  erase(site: string, visitors: string[]): Promise<number> {
    return eraseVisitors(this.client, this.index, site, visitors);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireDocuments(this.client, this.index, 'start', cutoffs);
  }

  async sessions(
    asked: VisitQuery & { visitor?: string; limit: number },
  ): Promise<SessionRecord[]> {
    const query = await this.resolved(asked);
    return searchAll<SessionRecord>(
      this.client,
      {
        index: this.index,
        query: visitsOf(query, query.visitor ? [{ term: { visitor: query.visitor } }] : []),
        sort: [{ start: 'desc' }, { id: 'asc' }],
      },
      query.limit,
    );
  }

  /** The query with its filters on visitors (a goal reached) read from the events. */
  private resolved<Q extends VisitQuery>(query: Q): Promise<Q> {
    return resolveVisitorFilters(this.client, eventsIndexPattern(this.config.indexPrefix), query);
  }
}

import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { ProfileHit, RetentionCutoffs } from '@sightline/contract';
import type { HitQuery, HitStore } from '@sightline/ports';
import { indexEach } from './bulk.js';
import { eraseVisitors } from './erase-visitors.js';
import { expireDocuments } from './expire-documents.js';
import { hitsIndex, hitsTemplateName } from './index-names.js';
import { epochRange } from './query.js';
import { HIT_PROPERTIES } from './results-mapping.js';
import { ElasticsearchIndexStore } from './index-store.js';

/** Profile hits on Elasticsearch: one index (hits are few next to events), `_id` = hit id. */
export class ElasticsearchHitStore extends ElasticsearchIndexStore implements HitStore {
  constructor(client: Client, config: ElasticsearchConfig) {
    super(client, config, hitsIndex(config.indexPrefix));
  }

  ensureSchema(): Promise<void> {
    return this.putTemplate(hitsTemplateName(this.config.indexPrefix), HIT_PROPERTIES);
  }

  async writeHits(hits: ProfileHit[]): Promise<void> {
    await indexEach(this.client, hits, (hit) => ({ index: this.index, id: hit.id }));
  }

  erase(site: string, visitors: string[]): Promise<number> {
    return eraseVisitors(this.client, this.index, site, visitors);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireDocuments(this.client, this.index, 'firedAt', cutoffs);
  }

  async hits(query: HitQuery): Promise<ProfileHit[]> {
    const response = await this.client.search<ProfileHit>({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: query.limit,
      query: {
        bool: {
          filter: [
            { term: { site: query.site } },
            ...(query.profileId ? [{ term: { profileId: query.profileId } }] : []),
            epochRange('firedAt', query.range.from, query.range.to),
          ],
        },
      },
      sort: [{ firedAt: 'desc' }],
    });
    return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  }
}

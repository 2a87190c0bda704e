import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import { putResultsTemplate } from './results-mapping.js';

/** What a store of one index, or one pattern of indices, shares: its client, settings and name. */
export abstract class ElasticsearchIndexStore {
  constructor(
    readonly client: Client,
    protected readonly config: ElasticsearchConfig,
    /** The index, or the pattern of the store's periodic indices. */
    protected readonly index: string,
  ) {}

  /** Creates or updates the template of the store's results indices (`name`, its fields). */
  protected putTemplate(
    name: string,
    properties: Parameters<typeof putResultsTemplate>[2]['properties'],
  ): Promise<void> {
    return putResultsTemplate(this.client, this.config, { name, pattern: this.index, properties });
  }

  /** Makes everything written so far searchable now (tests, and reads that must see it). */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({
      index: this.index,
      allow_no_indices: true,
      ignore_unavailable: true,
    });
  }
}

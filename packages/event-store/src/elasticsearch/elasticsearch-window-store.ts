import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { RetentionCutoffs, WindowAggregate } from '@sightline/contract';
import type { TimeRange, WindowStore } from '@sightline/ports';
import { indexEach } from './bulk.js';
import {
  windowId,
  windowsIndexFor,
  windowsIndexPattern,
  windowsIndexPeriod,
  windowsTemplateName,
} from './index-names.js';
import { epochRange } from './query.js';
import { putResultsTemplate, WINDOW_PROPERTIES } from './results-mapping.js';
import { searchAll } from './search-all.js';
import { expireDocuments } from './expire-documents.js';
import { fromWindowDocument, toWindowDocument, type WindowDocument } from './window-documents.js';

/** Window documents on Elasticsearch: monthly indices, `_id` = site:start:partition. */
export class ElasticsearchWindowStore implements WindowStore {
  private readonly pattern: string;

  constructor(
    readonly client: Client,
    private readonly config: ElasticsearchConfig,
  ) {
    this.pattern = windowsIndexPattern(config.indexPrefix);
  }

  async ensureSchema(): Promise<void> {
    await putResultsTemplate(this.client, this.config, {
      name: windowsTemplateName(this.config.indexPrefix),
      pattern: this.pattern,
      properties: WINDOW_PROPERTIES,
    });
  }

  async writeWindows(windows: WindowAggregate[]): Promise<void> {
    await indexEach(this.client, windows, (window) => ({
      index: windowsIndexFor(this.config.indexPrefix, window.start),
      id: windowId(window),
      document: toWindowDocument(window),
    }));
  }

  async windows(query: { site: string; range: TimeRange }): Promise<WindowAggregate[]> {
    const documents = await searchAll<WindowDocument>(this.client, {
      index: this.pattern,
      query: {
        bool: {
          filter: [
            { term: { site: query.site } },
            epochRange('start', query.range.from, query.range.to),
          ],
        },
      },
      sort: [{ start: 'asc' }, { partition: 'asc' }],
    });
    return documents.map(fromWindowDocument);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireDocuments(this.client, this.pattern, 'start', cutoffs, (index) =>
      windowsIndexPeriod(this.config.indexPrefix, index),
    );
  }

  /** Makes everything written so far searchable now (tests, and before a restore). */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.pattern, allow_no_indices: true });
  }
}

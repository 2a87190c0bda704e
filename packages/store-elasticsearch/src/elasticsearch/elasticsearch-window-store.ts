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
import { WINDOW_PROPERTIES } from './results-mapping.js';
import { searchAll } from './search-all.js';
import { expireDocuments } from './expire-documents.js';
import { fromWindowDocument, toWindowDocument, type WindowDocument } from './window-documents.js';
import { ElasticsearchIndexStore } from './index-store.js';

/** Window documents on Elasticsearch: monthly indices, `_id` = site:start:partition. */
export class ElasticsearchWindowStore extends ElasticsearchIndexStore implements WindowStore {
  constructor(client: Client, config: ElasticsearchConfig) {
    super(client, config, windowsIndexPattern(config.indexPrefix));
  }

  ensureSchema(): Promise<void> {
    return this.putTemplate(windowsTemplateName(this.config.indexPrefix), WINDOW_PROPERTIES);
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
      index: this.index,
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
    return expireDocuments(this.client, this.index, 'start', cutoffs, (index) =>
      windowsIndexPeriod(this.config.indexPrefix, index),
    );
  }
}

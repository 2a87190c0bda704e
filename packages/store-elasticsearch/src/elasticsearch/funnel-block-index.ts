import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { RetentionCutoffs } from '@sightline/contract';
import { runBulk } from './bulk.js';
import { deleteMatching } from './delete-matching.js';
import { expireDocuments } from './expire-documents.js';
import { epochMillis, keyword } from './field-types.js';
import type { BlockFigures } from './funnel-block-hours.js';
import { putResultsTemplate } from './results-mapping.js';
import { searchAll } from './search-all.js';

/**
 * A stored block: a funnel's figures for one hour, from the events as of `builtAt`, and found
 * still true of every event that reached the store until `checkedAt`.
 */
export interface FunnelBlock extends BlockFigures {
  hour: number;
  /**
   * The visits that reached the first step in this hour but had reached it before: they count
   * in an earlier block, or, for a range that starts after that, from the events.
   */
  carried: string[];
  builtAt: number;
  checkedAt: number;
}

interface BlockDocument {
  key: string;
  site: string;
  hour: number;
  builtAt: number;
  checkedAt: number;
  /** Kept in the source only: read back whole, never searched. */
  figures: BlockFigures & { carried: string[] };
}

/**
 * Funnel blocks in their own index: one document per funnel (its steps, filters and site, as
 * `key`) and hour. They are derived data: any of them may be deleted at any time, and is built
 * again.
 */
export class FunnelBlockIndex {
  readonly index: string;

  constructor(
    private readonly client: Client,
    private readonly config: ElasticsearchConfig,
  ) {
    this.index = `${config.indexPrefix}-funnel-blocks`;
  }

  async ensureSchema(): Promise<void> {
    await putResultsTemplate(this.client, this.config, {
      name: this.index,
      pattern: this.index,
      properties: {
        key: keyword,
        site: keyword,
        hour: epochMillis,
        builtAt: epochMillis,
        checkedAt: epochMillis,
        figures: { type: 'object', enabled: false },
      },
    });
    // Made now, not by a first write: a query reading it while its shard starts would fail.
    const exists = await this.client.indices.exists({ index: this.index });
    if (!exists)
      await this.client.indices
        .create({ index: this.index, wait_for_active_shards: 1 })
        .catch((error: unknown) => {
          // Another app made it meanwhile.
          if (!String(error).includes('resource_already_exists_exception')) throw error;
        });
  }

  /** The blocks of `key` for the hours from `first` to `last` (those built). */
  async read(key: string, first: number, last: number): Promise<Map<number, FunnelBlock>> {
    if (last < first) return new Map();
    const documents = await searchAll<BlockDocument>(this.client, {
      index: this.index,
      query: {
        bool: {
          filter: [
            { term: { key } },
            { range: { hour: { gte: first, lte: last, format: 'epoch_millis' } } },
          ],
        },
      },
      // Unique within a funnel, as paging needs.
      sort: [{ hour: 'asc' }],
    });
    return new Map(
      documents.map((doc) => [
        doc.hour,
        {
          ...doc.figures,
          carried: doc.figures.carried ?? [],
          hour: doc.hour,
          builtAt: doc.builtAt,
          checkedAt: doc.checkedAt,
        },
      ]),
    );
  }

  async write(key: string, site: string, blocks: FunnelBlock[]): Promise<void> {
    if (blocks.length === 0) return;
    const outcomes = await runBulk(
      this.client,
      // Whole documents: two writers of an hour (a build, a check) both write what is true.
      blocks.map(({ hour, builtAt, checkedAt, ...figures }) => ({
        action: 'index',
        index: this.index,
        id: `${key}:${hour}`,
        document: { key, site, hour, builtAt, checkedAt, figures } satisfies BlockDocument,
      })),
    );
    const failed = outcomes.find((outcome) => outcome.status > 299);
    if (failed)
      throw new Error(`Elasticsearch refused funnel blocks: ${failed.reason ?? failed.status}`);
  }

  /** Blocks found no longer true: gone, so they hold no check back (built again later). */
  async remove(key: string, hours: number[]): Promise<void> {
    if (hours.length === 0) return;
    await deleteMatching(this.client, this.index, {
      ids: { values: hours.map((hour) => `${key}:${hour}`) },
    });
  }

  /** Every block of a funnel. */
  forget(key: string): Promise<number> {
    return deleteMatching(this.client, this.index, { term: { key } });
  }

  /** Every block of a site: its visitors' events changed (an erasure). */
  forgetSite(site: string): Promise<number> {
    return deleteMatching(this.client, this.index, { term: { site } });
  }

  /** Blocks of hours past retention: the events they stand for are gone. */
  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireDocuments(this.client, this.index, 'hour', cutoffs);
  }
}

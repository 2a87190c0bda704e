import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import {
  decideClaims,
  DEDUPE_SCOPE_MS,
  earliestOwner,
  generationOf,
  generationsToRead,
  oldestKept,
  ownerOf,
  type DedupeStore,
  type IdClaim,
} from '@sightline/ports';
import { runBulk } from './bulk.js';
import {
  eventIdsGeneration,
  eventIdsIndexFor,
  eventIdsIndexPattern,
  eventIdsTemplateName,
} from './index-names.js';

interface OwnerDocument {
  o: string;
}

/**
 * The ledger of counted event ids on Elasticsearch: one small index per generation, `_id` = event
 * id, the owning message in `o`. A claim is a `create`, which Elasticsearch makes atomic per index,
 * so two processors claiming one id in one generation never both win. Reads are real-time gets,
 * which see a create at once (no refresh needed).
 *
 * Known limit: two copies of an id claimed in two different generations at the same moment (on
 * a generation boundary, by two processors) can both count, once each.
 */
export class ElasticsearchDedupeStore implements DedupeStore {
  private readonly prefix: string;

  constructor(
    readonly client: Client,
    private readonly config: ElasticsearchConfig,
  ) {
    this.prefix = config.indexPrefix;
  }

  async ensureSchema(): Promise<void> {
    await this.client.indices.putIndexTemplate({
      name: eventIdsTemplateName(this.prefix),
      index_patterns: [eventIdsIndexPattern(this.prefix)],
      priority: 200,
      template: {
        settings: {
          number_of_shards: this.config.shards,
          number_of_replicas: this.config.replicas,
          // Only read by id (real-time), never searched: refreshing often is wasted work.
          refresh_interval: '30s',
        },
        mappings: { dynamic: false, properties: {} },
      },
    });
  }

  async claim(claims: IdClaim[]): Promise<boolean[]> {
    if (claims.length === 0) return [];
    const existing = await this.owners(claims);
    const decided = decideClaims(claims, existing);
    const owners = new Map(existing);
    if (decided.toWrite.length > 0) {
      const outcomes = await runBulk(
        this.client,
        decided.toWrite.map((write) => ({
          action: 'create',
          index: this.indexOf(write.generation),
          id: write.id,
          document: { o: write.owner } satisfies OwnerDocument,
        })),
      );
      const raced: IdClaim[] = [];
      outcomes.forEach((outcome, i) => {
        const write = decided.toWrite[i]!;
        if (outcome.status === 201 || outcome.status === 200) owners.set(write.id, write.owner);
        else if (outcome.status === 409) {
          const claim = claims.find((c) => c.id === write.id)!;
          raced.push(claim);
        } else
          throw new Error(
            `Elasticsearch refused the claim of event ${write.id}: ${outcome.reason ?? outcome.status}`,
          );
      });
      // Another processor wrote these ids between our read and our create: theirs stands.
      if (raced.length > 0)
        for (const [id, owner] of await this.owners(raced)) owners.set(id, owner);
    }
    return claims.map((claim) => owners.get(claim.id) === ownerOf(claim));
  }

  async expire(now: number): Promise<void> {
    const oldest = oldestKept(now);
    const indices = await this.client.indices.get({
      index: eventIdsIndexPattern(this.prefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      filter_path: ['*.settings.index.provided_name'],
    });
    const old = Object.keys(indices).filter((index) => {
      const generation = eventIdsGeneration(this.prefix, index, DEDUPE_SCOPE_MS);
      return generation !== undefined && generation < oldest;
    });
    if (old.length > 0) await this.client.indices.delete({ index: old, ignore_unavailable: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The owners already written of the claims' ids, from the oldest generation that has one. */
  private async owners(claims: IdClaim[]): Promise<Map<string, string>> {
    const generationsById = new Map<string, number[]>();
    for (const claim of claims)
      if (!generationsById.has(claim.id))
        generationsById.set(claim.id, generationsToRead(generationOf(claim.receivedAt)));
    const docs = [...generationsById].flatMap(([id, generations]) =>
      generations.map((generation) => ({ _index: this.indexOf(generation), _id: id })),
    );
    const response = await this.client.mget<OwnerDocument>({ docs, realtime: true });
    const owners = new Map<string, string>();
    let position = 0;
    for (const [id, generations] of generationsById) {
      const found = generations.map(() => {
        const doc = response.docs[position++] as {
          found?: boolean;
          _source?: OwnerDocument;
          error?: { type?: string; reason?: string };
        };
        if (doc.error && doc.error.type !== 'index_not_found_exception')
          throw new Error(
            `reading claimed event ids failed: ${doc.error.type ?? ''} ${doc.error.reason ?? ''}`,
          );
        return doc.found ? doc._source?.o : undefined;
      });
      const owner = earliestOwner(found);
      if (owner !== undefined) owners.set(id, owner);
    }
    return owners;
  }

  private indexOf(generation: number): string {
    return eventIdsIndexFor(this.prefix, generation, DEDUPE_SCOPE_MS);
  }
}

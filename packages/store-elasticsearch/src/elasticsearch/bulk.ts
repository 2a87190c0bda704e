import type { Client } from '@elastic/elasticsearch';
import { StoreRefusedError } from '@sightline/contract';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const ATTEMPTS = 4;

export interface BulkOperation {
  action: 'create' | 'index';
  index: string;
  id: string;
  document: unknown;
}

export interface BulkOutcome {
  status: number;
  reason?: string;
}

interface BulkItem {
  status: number;
  error?: { type?: string; reason?: string | null };
}

/**
 * Runs bulk operations, sending again those refused for a passing reason (queue full, shard
 * moving). Returns each operation's final status in order; throws when the server cannot be
 * reached or keeps refusing, so the caller retries the whole write later.
 */
export async function runBulk(
  client: Client,
  operations: BulkOperation[],
  /** Fields written into every document at each attempt (when it is sent). */
  stamp?: () => Record<string, unknown>,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array<BulkOutcome>(operations.length);
  let pending = operations.map((operation, position) => ({ operation, position }));
  for (let attempt = 1; pending.length > 0; attempt++) {
    const fields = stamp?.();
    const response = await client.bulk({
      // Only what is read below: the full per-item answer is most of the cost of a big bulk.
      filter_path: ['errors', 'items.*.status', 'items.*.error.type', 'items.*.error.reason'],
      operations: pending.flatMap(({ operation }) => [
        { [operation.action]: { _index: operation.index, _id: operation.id } },
        fields ? { ...(operation.document as object), ...fields } : operation.document,
      ]),
    });
    const retry: typeof pending = [];
    response.items.forEach((entry, i) => {
      const item = Object.values(entry)[0] as BulkItem | undefined;
      const { position } = pending[i]!;
      const status = item?.status ?? 500;
      if (RETRYABLE_STATUS.has(status)) retry.push(pending[i]!);
      outcomes[position] = {
        status,
        ...(item?.error
          ? { reason: `${item.error.type ?? status}: ${item.error.reason ?? ''}` }
          : {}),
      };
    });
    if (retry.length > 0 && attempt >= ATTEMPTS) {
      throw new Error(`Elasticsearch refused ${retry.length} documents after ${attempt} attempts`);
    }
    if (retry.length > 0) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    pending = retry;
  }
  return outcomes;
}

/**
 * Indexes each record under its id, replacing what was there (results rewritten by a replay are
 * the same documents); `place` gives the index, the id and, when it differs, the document.
 */
export function indexEach<T>(
  client: Client,
  records: readonly T[],
  place: (record: T) => { index: string; id: string; document?: unknown },
): Promise<void> {
  return indexAll(
    client,
    records.map((record) => {
      const { index, id, document = record } = place(record);
      return { action: 'index', index, id, document };
    }),
  );
}

/** Runs `index` operations that must all succeed (derived documents: any refusal is a fault). */
export async function indexAll(client: Client, operations: BulkOperation[]): Promise<void> {
  if (operations.length === 0) return;
  const outcomes = await runBulk(client, operations);
  const failed = outcomes.findIndex((o) => o.status < 200 || o.status > 299);
  if (failed >= 0) {
    const { status, reason } = outcomes[failed]!;
    const message = `Elasticsearch refused ${operations[failed]!.index}/${operations[failed]!.id}: ${reason ?? status}`;
    // A 400 on one document is that document (a mapping it breaks): it will fail again. Other
    // statuses (blocks, auth, overload) are the cluster's state and pass: they are retried.
    throw status === 400 ? new StoreRefusedError(message) : new Error(message);
  }
}

import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@sightline/observability';
import { syncDir, writeAll } from './file-io.js';
import { GroupCommit } from './group-commit.js';
import { decodeRecord, encodeRecord, readFrame } from './record-codec.js';

export interface CommittedOffset {
  group: string;
  topic: string;
  partition: number;
  /** The next offset the group reads. */
  offset: number;
  metadata: string | null;
}

/** An output message with everything decided: partition, timestamp, bytes. */
export interface DecidedMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: number;
}

export interface TransactionOutput {
  topic: string;
  partition: number;
  /** The partition's durable end when the transaction was decided: its outputs come after. */
  from: number;
  messages: DecidedMessage[];
}

/** A `commitWith`: the commit and the outputs it publishes, decided together. */
export interface Transaction {
  id: string;
  commit: CommittedOffset;
  outputs: TransactionOutput[];
}

export interface OffsetStoreOptions {
  path: string;
  fsync: boolean;
  /** Past this size the log is rewritten as a snapshot of its latest values. */
  compactBytes: number;
  logger: Logger;
}

interface Entry {
  frame: Buffer;
  /** Takes effect in memory once the entry is durable. */
  apply(): void;
}

type Kind = 'commit' | 'transaction' | 'done';

interface EncodedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: number;
}

interface EncodedTransaction {
  commit: CommittedOffset;
  outputs: (Omit<TransactionOutput, 'messages'> & { messages: EncodedMessage[] })[];
}

/**
 * Committed offsets of every consumer group, and the transactions of `commitWith`, in an
 * append-only log of the same frames as the segments (a CRC per record): the latest record of a
 * group/topic/partition wins. A commit resolves once its record is synced. Past a size, the log
 * is rewritten as a snapshot of the latest values (temp file, sync, rename, sync of the folder),
 * so it never grows without bound and a crash leaves either the old log or the new one.
 */
export class OffsetStore {
  private readonly committed = new Map<string, CommittedOffset>();
  private readonly undone = new Map<string, Transaction>();
  private readonly writer = new GroupCommit<Entry>((entries) => this.round(entries));
  private sequence = 0;
  private size = 0;
  private closing = false;
  private broken: Error | undefined;

  private constructor(
    private readonly options: OffsetStoreOptions,
    private handle: FileHandle,
  ) {}

  static async open(options: OffsetStoreOptions): Promise<OffsetStore> {
    await rm(`${options.path}.tmp`, { force: true });
    // Created if missing, then opened without O_APPEND so writes land where they are aimed.
    await (await open(options.path, 'a+')).close();
    await syncDir(dirname(options.path));
    const handle = await open(options.path, 'r+');
    const store = new OffsetStore(options, handle);
    try {
      await store.replay();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return store;
  }

  /** The latest committed offset of every group, topic and partition. */
  get offsets(): CommittedOffset[] {
    return [...this.committed.values()];
  }

  /** Transactions decided whose outputs may not all be out yet. */
  get unfinished(): Transaction[] {
    return [...this.undone.values()];
  }

  commit(offset: CommittedOffset): Promise<void> {
    return this.submit('commit', '', offset, () => this.committed.set(keyOf(offset), offset));
  }

  /** Records the decision of a transaction: once this resolves, its commit and outputs stand. */
  decide(transaction: Transaction): Promise<void> {
    return this.submit('transaction', transaction.id, encodeTransaction(transaction), () => {
      this.committed.set(keyOf(transaction.commit), transaction.commit);
      this.undone.set(transaction.id, transaction);
    });
  }

  /** Marks a transaction's outputs as all out (no sync needed: recovery would find them). */
  finish(id: string): Promise<void> {
    return this.submit('done', id, {}, () => this.undone.delete(id));
  }

  /** Writes what is pending, synced, and closes the file. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.writer.idle();
    await this.handle.datasync();
    await this.handle.close();
  }

  private submit(kind: Kind, id: string, body: unknown, apply: () => void): Promise<void> {
    if (this.closing) return Promise.reject(new Error('the embedded bus is closed'));
    if (this.broken)
      return Promise.reject(
        new Error('committed offsets cannot be written', { cause: this.broken }),
      );
    const frame = encodeRecord({
      offset: this.sequence++,
      timestamp: Date.now(),
      key: kind,
      headers: {},
      value: Buffer.from(JSON.stringify(body)),
      transaction: id,
    });
    return this.writer.submit({ frame, apply });
  }

  private async round(entries: Entry[]): Promise<void> {
    if (this.size >= this.options.compactBytes) await this.compact();
    const position = this.size;
    try {
      await writeAll(
        this.handle,
        entries.map((entry) => entry.frame),
        position,
      );
      if (this.options.fsync) await this.handle.datasync();
    } catch (error) {
      try {
        await this.handle.truncate(position);
      } catch {
        this.broken = error instanceof Error ? error : new Error(String(error));
      }
      this.options.logger.error(
        { file: this.options.path, err: String(error) },
        'embedded bus: writing committed offsets failed',
      );
      throw error;
    }
    for (const entry of entries) {
      this.size += entry.frame.length;
      entry.apply();
    }
  }

  /** Rebuilds the latest values from the log; a torn tail is cut off (it was never acknowledged). */
  private async replay(): Promise<void> {
    const bytes = await readFile(this.options.path);
    let at = 0;
    for (;;) {
      const frame = readFrame(bytes, at);
      if (frame.status !== 'ok') {
        if (at < bytes.length) {
          this.options.logger.warn(
            {
              file: this.options.path,
              at,
              droppedBytes: bytes.length - at,
              reason: frame.status === 'corrupt' ? frame.reason : 'a cut-off record',
            },
            'embedded bus: truncating a torn tail of the committed offsets',
          );
          await this.handle.truncate(at);
          await this.handle.datasync();
        }
        break;
      }
      const record = decodeRecord(frame.payload);
      this.apply(record.key as Kind, record.transaction, JSON.parse(record.value.toString()));
      this.sequence = record.offset + 1;
      at += frame.size;
    }
    this.size = at;
  }

  private apply(kind: Kind, id: string, body: unknown): void {
    if (kind === 'commit') {
      const offset = body as CommittedOffset;
      this.committed.set(keyOf(offset), offset);
    } else if (kind === 'transaction') {
      const encoded = body as EncodedTransaction;
      const transaction: Transaction = {
        id,
        commit: encoded.commit,
        outputs: encoded.outputs.map((output) => ({
          ...output,
          messages: output.messages.map((m) => ({ ...m, value: Buffer.from(m.value, 'base64') })),
        })),
      };
      this.committed.set(keyOf(transaction.commit), transaction.commit);
      this.undone.set(id, transaction);
    } else {
      this.undone.delete(id);
    }
  }

  /** Rewrites the log as the latest offsets and the unfinished transactions. */
  private async compact(): Promise<void> {
    const temp = `${this.options.path}.tmp`;
    const records: { kind: Kind; id: string; body: unknown }[] = [
      ...[...this.committed.values()].map((offset) => ({
        kind: 'commit' as const,
        id: '',
        body: offset,
      })),
      ...[...this.undone.values()].map((transaction) => ({
        kind: 'transaction' as const,
        id: transaction.id,
        body: encodeTransaction(transaction),
      })),
    ];
    const frames = records.map((record, i) =>
      encodeRecord({
        offset: i,
        timestamp: Date.now(),
        key: record.kind,
        headers: {},
        value: Buffer.from(JSON.stringify(record.body)),
        transaction: record.id,
      }),
    );
    let handle: FileHandle | undefined;
    try {
      handle = await open(temp, 'w+');
      await writeAll(handle, frames, 0);
      await handle.datasync();
      await rename(temp, this.options.path);
    } catch (error) {
      // The old log stays in use: compaction is tried again at the next round.
      await handle?.close();
      await rm(temp, { force: true });
      this.options.logger.error(
        { file: this.options.path, err: String(error) },
        'embedded bus: compacting committed offsets failed',
      );
      return;
    }
    const old = this.handle;
    this.handle = handle;
    this.size = frames.reduce((sum, frame) => sum + frame.length, 0);
    await old.close();
    try {
      await syncDir(dirname(this.options.path));
    } catch (error) {
      this.options.logger.error(
        { file: this.options.path, err: String(error) },
        'embedded bus: syncing the folder of the committed offsets failed',
      );
    }
  }
}

const keyOf = (offset: Pick<CommittedOffset, 'group' | 'topic' | 'partition'>): string =>
  JSON.stringify([offset.group, offset.topic, offset.partition]);

/** A transaction as JSON: values in base64. */
const encodeTransaction = (transaction: Transaction): EncodedTransaction => ({
  commit: transaction.commit,
  outputs: transaction.outputs.map((output) => ({
    ...output,
    messages: output.messages.map((m) => ({ ...m, value: m.value.toString('base64') })),
  })),
});

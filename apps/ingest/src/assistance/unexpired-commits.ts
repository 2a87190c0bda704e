/**
 * Where a reader of the assistance topic may commit, per partition: before the first message
 * that has not expired yet. A restart then reads again every message that could still be shown —
 * one sent to a socket just before a crash may never have left the machine — and the pages say on
 * reconnecting which they have had, so none is shown twice.
 */
export class UnexpiredCommits {
  private readonly held = new Map<number, { offset: bigint; expiresAt: number }[]>();
  private readonly next = new Map<number, bigint>();

  /** A message read at `offset` of `partition`, shown until `expiresAt` (0: never shown). */
  read(partition: number, offset: bigint, expiresAt: number): void {
    const list = this.held.get(partition) ?? [];
    list.push({ offset, expiresAt });
    this.held.set(partition, list);
    this.next.set(partition, offset + 1n);
  }

  /** The offset to commit for `partition` at `now`, or undefined when nothing was read. */
  commitAt(partition: number, now: number): bigint | undefined {
    const list = this.held.get(partition) ?? [];
    // Messages expire roughly in order: drop the expired head, keep from the first one that is not.
    while (list.length > 0 && list[0]!.expiresAt <= now) list.shift();
    return list[0]?.offset ?? this.next.get(partition);
  }
}

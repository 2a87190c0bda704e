/**
 * Where records of one segment file start, one entry every `intervalBytes` or so rather than one
 * per record, so memory stays a small fraction of the data on disk. A read seeks to the entry at
 * or before its offset and decodes forward. Each entry also keeps the newest timestamp of the
 * stretch it starts, for finding the first record written at or after a time.
 */
export class SparseIndex {
  private readonly offsets: number[] = [];
  private readonly positions: number[] = [];
  private readonly newest: number[] = [];
  private lastEntryAt = -Infinity;

  constructor(private readonly intervalBytes: number) {}

  get entries(): number {
    return this.offsets.length;
  }

  /** Called for every record in file order. */
  add(offset: number, position: number, timestamp: number): void {
    if (position - this.lastEntryAt >= this.intervalBytes) {
      this.offsets.push(offset);
      this.positions.push(position);
      this.newest.push(timestamp);
      this.lastEntryAt = position;
      return;
    }
    const last = this.newest.length - 1;
    if (timestamp > this.newest[last]!) this.newest[last] = timestamp;
  }

  /** The entry at or before `offset`; undefined when `offset` is before the first one. */
  floor(offset: number): { offset: number; position: number } | undefined {
    let low = 0;
    let high = this.offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.offsets[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return undefined;
    return { offset: this.offsets[low - 1]!, position: this.positions[low - 1]! };
  }

  /** The first stretch holding a record written at or after `timestamp`. */
  firstReaching(timestamp: number): { offset: number; position: number } | undefined {
    const index = this.newest.findIndex((newest) => newest >= timestamp);
    if (index < 0) return undefined;
    return { offset: this.offsets[index]!, position: this.positions[index]! };
  }

  /** The entries as plain arrays, to be saved with a closed segment. */
  toJSON(): { offsets: number[]; positions: number[]; newest: number[] } {
    return { offsets: this.offsets, positions: this.positions, newest: this.newest };
  }

  /** Takes back entries saved by `toJSON` (into an empty index). */
  load(saved: { offsets: number[]; positions: number[]; newest: number[] }): void {
    const { offsets, positions, newest } = saved;
    if (offsets.length !== positions.length || offsets.length !== newest.length)
      throw new Error('index arrays of different lengths');
    for (let i = 0; i < offsets.length; i++) {
      this.offsets.push(offsets[i]!);
      this.positions.push(positions[i]!);
      this.newest.push(newest[i]!);
    }
    this.lastEntryAt = positions.at(-1) ?? -Infinity;
  }

  /** Forgets the entries at or past `position` (the file was cut there). */
  truncate(position: number): void {
    let keep = this.positions.length;
    while (keep > 0 && this.positions[keep - 1]! >= position) keep--;
    this.offsets.length = keep;
    this.positions.length = keep;
    this.newest.length = keep;
    this.lastEntryAt = keep > 0 ? this.positions[keep - 1]! : -Infinity;
  }
}

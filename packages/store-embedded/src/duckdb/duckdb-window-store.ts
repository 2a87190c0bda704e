import type { WindowAggregate, RetentionCutoffs } from '@sightline/contract';
import { expireRows } from './expire-rows.js';
import type { TimeRange, WindowStore } from '@sightline/ports';
import { docsOf, lastOfEach } from './batch-rows.js';
import { replaceWindows } from './replace-windows.js';
import { DuckDbTables } from './duckdb-tables.js';

export const windowKey = (window: { site: string; start: number; partition: number }) =>
  `${window.site}:${window.start}:${window.partition}`;

/** Window results in the embedded DuckDB file: one row per site, start and partition. */
export class DuckDbWindowStore extends DuckDbTables implements WindowStore {
  async writeWindows(windows: WindowAggregate[]): Promise<void> {
    if (windows.length === 0) return;
    await replaceWindows(
      this.db,
      'windows',
      lastOfEach(windows, windowKey),
      `r->>'site', CAST(r->>'start' AS BIGINT), CAST(r->>'partition' AS INTEGER), r`,
    );
  }

  async windows(query: { site: string; range: TimeRange }): Promise<WindowAggregate[]> {
    const rows = await this.db.read(
      'SELECT doc FROM windows WHERE site = ? AND start >= ? AND start < ? ORDER BY start, partition',
      [query.site, query.range.from, query.range.to],
    );
    return docsOf<WindowAggregate>(rows);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireRows(this.db, { table: 'windows', time: 'start' }, cutoffs);
  }
}

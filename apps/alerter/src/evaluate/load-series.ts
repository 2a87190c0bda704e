import type { SiteSeries } from '@sightline/alerting';
import type { TimeRange } from '@sightline/ports';
import type { AlertingStores } from '../ports.js';

/** Profile hits read back per range: beyond it the profile-hits metric undercounts. */
const HITS_LIMIT = 10_000;

/**
 * Fills a site's series with the stored windows and profile hits of a range (what happened
 * before this process held the evaluation, or a week ago); live data already there is kept.
 */
export async function loadSeries(
  stores: Pick<AlertingStores, 'windows' | 'hits'>,
  series: SiteSeries,
  site: string,
  range: TimeRange,
  withHits: boolean,
): Promise<void> {
  const [windows, hits] = await Promise.all([
    stores.windows.windows({ site, range }),
    withHits ? stores.hits.hits({ site, range, limit: HITS_LIMIT }) : Promise.resolve([]),
  ]);
  for (const window of windows) series.addStoredWindow(window);
  for (const hit of hits) series.addHit(hit);
}

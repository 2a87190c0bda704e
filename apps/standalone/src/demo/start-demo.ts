import { type ConfigStore } from '@sightline/ports';
import { AlertRules, Profiles, Sites } from '@sightline/config-store';
import type { Logger } from '@sightline/observability';
import { DEMO_SCENARIO, startTraffic, type TrafficRun } from '@sightline/traffic';
import { DEMO_SITES, SHOP_ALERT_RULES, SHOP_PROFILES, universityProfiles } from './demo-config.js';

/** The demo's sites, profiles and alert rules, each added only where missing (edits are kept). */
export async function seedDemo(configStore: ConfigStore): Promise<void> {
  const sites = new Sites(configStore);
  for (const site of DEMO_SITES(Date.now())) if (!sites.get(site.key)) await sites.put(site);
  const profiles = new Profiles(configStore);
  for (const profile of [...universityProfiles(), ...SHOP_PROFILES])
    if (!profiles.get(profile.site, profile.id)) await profiles.put(profile);
  const rules = new AlertRules(configStore);
  for (const rule of SHOP_ALERT_RULES) if (!rules.get(rule.site, rule.id)) await rules.put(rule);
}

/**
 * The demo: its configuration seeded, then simulated visitors sent to this process's own ingest,
 * over HTTP and WebSocket, with a newsletter burst and a broken release now and then.
 */
export async function startDemo(options: {
  configStore: ConfigStore;
  ingestUrl: string;
  visitsPerMinute: number;
  logger: Logger;
  /** Time runs this many times faster (tests). */
  speed?: number;
}): Promise<TrafficRun> {
  await seedDemo(options.configStore);
  const run = startTraffic({
    ingestUrl: options.ingestUrl,
    sites: { shop: 'shop', university: 'university' },
    visitsPerMinute: options.visitsPerMinute,
    scenario: DEMO_SCENARIO,
    ...(options.speed ? { speed: options.speed } : {}),
  });
  const timer = setInterval(() => options.logger.info({ ...run.stats }, 'demo traffic'), 60_000);
  timer.unref();
  void run.done.finally(() => clearInterval(timer));
  options.logger.info(
    { visitsPerMinute: options.visitsPerMinute, sites: ['shop', 'university'] },
    'demo traffic started',
  );
  return run;
}

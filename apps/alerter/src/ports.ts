import type { AlertStore, HitStore, WindowStore } from '@sightline/ports';

/** What alerting reads and writes: stored windows and hits (to resume), the alerts' history. */
export interface AlertingStores {
  windows: Pick<WindowStore, 'windows'>;
  hits: Pick<HitStore, 'hits'>;
  alerts: AlertStore;
}

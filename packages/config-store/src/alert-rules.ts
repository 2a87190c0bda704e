import { alertRule, type AlertRule, type AlertRuleInput } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';
import { SiteRecords } from './site-records.js';

/** Alert rules, every site's or one site's. */
export class AlertRules extends SiteRecords<AlertRule, AlertRuleInput> {
  constructor(store: ConfigStore) {
    super(store, 'alert-rule', alertRule);
  }
}

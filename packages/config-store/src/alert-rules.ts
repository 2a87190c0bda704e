import { alertRule, type AlertRule, type AlertRuleInput } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** The id of a rule record: rules are per site, so ids only need to be unique there. */
export const alertRuleRecordId = (site: string, id: string) => `${site}:${id}`;

/** Typed access to alert rules; records that fail the schema are ignored. */
export class AlertRules {
  constructor(private readonly store: ConfigStore) {}

  list(site?: string): AlertRule[] {
    return this.store.list('alert-rule').flatMap(({ value }) => {
      const parsed = alertRule.safeParse(value);
      return parsed.success && (site === undefined || parsed.data.site === site)
        ? [parsed.data]
        : [];
    });
  }

  get(site: string, id: string): AlertRule | undefined {
    const parsed = alertRule.safeParse(this.store.get('alert-rule', alertRuleRecordId(site, id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates (defaults filled in) and stores a rule; throws with the schema's issues. */
  async put(rule: AlertRuleInput): Promise<void> {
    const parsed = alertRule.parse(rule);
    await this.store.put('alert-rule', alertRuleRecordId(parsed.site, parsed.id), parsed);
  }

  remove(site: string, id: string): Promise<void> {
    return this.store.remove('alert-rule', alertRuleRecordId(site, id));
  }
}

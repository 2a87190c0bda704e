import { alertChannel, type AlertChannel } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** Typed access to notification channels (shared by every site's rules). */
export class AlertChannels {
  constructor(private readonly store: ConfigStore) {}

  list(): AlertChannel[] {
    return this.store.list('channel').flatMap(({ value }) => {
      const parsed = alertChannel.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  get(id: string): AlertChannel | undefined {
    const parsed = alertChannel.safeParse(this.store.get('channel', id));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates and stores a channel; throws with the schema's issues. */
  async put(channel: unknown): Promise<void> {
    const parsed = alertChannel.parse(channel);
    await this.store.put('channel', parsed.id, parsed);
  }

  remove(id: string): Promise<void> {
    return this.store.remove('channel', id);
  }
}

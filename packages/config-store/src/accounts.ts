import {
  apiKeyRecord,
  loginSession,
  userRecord,
  type ApiKeyRecord,
  type LoginSession,
  type UserRecord,
} from '@sightline/contract';
import type { z } from 'zod';
import type { ConfigKind, ConfigStore } from '@sightline/ports';

/** Typed records of one kind of a ConfigStore; records that fail the schema are ignored. */
class Records<T> {
  constructor(
    private readonly store: ConfigStore,
    private readonly kind: ConfigKind,
    private readonly schema: z.ZodType<T>,
  ) {}

  get(id: string): T | undefined {
    const parsed = this.schema.safeParse(this.store.get(this.kind, id));
    return parsed.success ? parsed.data : undefined;
  }

  list(): { id: string; value: T }[] {
    return this.store.list(this.kind).flatMap(({ id, value }) => {
      const parsed = this.schema.safeParse(value);
      return parsed.success ? [{ id, value: parsed.data }] : [];
    });
  }

  put(id: string, value: T): Promise<void> {
    return this.store.put(this.kind, id, this.schema.parse(value));
  }

  remove(id: string): Promise<void> {
    return this.store.remove(this.kind, id);
  }
}

/** People who sign in, by e-mail address. */
export class Users extends Records<UserRecord> {
  constructor(store: ConfigStore) {
    super(store, 'user', userRecord);
  }
}

/** Signed-in browsers, by the SHA-256 of their token. */
export class Sessions extends Records<LoginSession> {
  constructor(store: ConfigStore) {
    super(store, 'session', loginSession);
  }
}

/** HTTP API keys, by the SHA-256 of the key. */
export class ApiKeys extends Records<ApiKeyRecord> {
  constructor(store: ConfigStore) {
    super(store, 'api-key', apiKeyRecord);
  }
}

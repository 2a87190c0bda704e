import { type ConfigStore } from '@sightline/ports';
import { ApiKeys, Sessions, Users } from '@sightline/config-store';
import type { Role, UserRecord } from '@sightline/contract';
import { hashPassword, verifyPassword } from './password.js';
import { newToken, tokenId } from './tokens.js';

export const SESSION_TTL_MS = 14 * 86_400_000;
/** API keys start with this, so a leaked one is recognisable (and scanners can find it). */
export const API_KEY_PREFIX = 'slk_';

export interface Identity {
  email: string;
  name: string;
  role: Role;
  via: 'session' | 'api-key';
}

/** A hash to compare against when the user does not exist: the answer takes as long either way. */
let decoy: Promise<string> | undefined;

/** Owner set-up, sign-in, sessions, users and API keys, over the shared configuration. */
export class Accounts {
  readonly users: Users;
  private readonly sessions: Sessions;
  private readonly keys: ApiKeys;

  constructor(store: ConfigStore) {
    this.users = new Users(store);
    this.sessions = new Sessions(store);
    this.keys = new ApiKeys(store);
  }

  /** True until the first owner exists: the app then asks for one. */
  needsSetup(): boolean {
    return this.users.list().length === 0;
  }

  async createUser(user: Omit<UserRecord, 'passwordHash' | 'createdAt'>, password: string) {
    if (this.users.get(user.email)) throw new AccountError(409, 'a user with that e-mail exists');
    await this.users.put(user.email, {
      ...user,
      passwordHash: await hashPassword(password),
      createdAt: Date.now(),
    });
  }

  /** A new session token for the right e-mail and password; undefined otherwise. */
  async signIn(email: string, password: string): Promise<string | undefined> {
    const user = this.users.get(email);
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? (await (decoy ??= hashPassword(newToken()))),
    );
    if (!user || !ok) return undefined;
    const token = newToken();
    const now = Date.now();
    await this.sessions.put(tokenId(token), {
      user: user.email,
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    return token;
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.remove(tokenId(token));
  }

  /** Who holds this session token, if it is valid and its user still exists. */
  fromSession(token: string): Identity | undefined {
    const session = this.sessions.get(tokenId(token));
    if (!session || session.expiresAt <= Date.now()) return undefined;
    const user = this.users.get(session.user);
    return user && { email: user.email, name: user.name, role: user.role, via: 'session' };
  }

  /** Who an API key acts as (its creator's name, the key's role). */
  fromApiKey(key: string): Identity | undefined {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const record = this.keys.get(tokenId(key));
    return (
      record && { email: record.createdBy, name: record.name, role: record.role, via: 'api-key' }
    );
  }

  /** A new API key: returned once, stored only as its hash. */
  async createApiKey(name: string, role: Role, createdBy: string) {
    const key = newToken(API_KEY_PREFIX);
    const id = tokenId(key);
    await this.keys.put(id, {
      name,
      role,
      prefix: key.slice(0, 10),
      createdBy,
      createdAt: Date.now(),
    });
    return { id, key };
  }

  listApiKeys() {
    return this.keys.list().map(({ id, value }) => ({ id, ...value }));
  }

  removeApiKey(id: string): Promise<void> {
    return this.keys.remove(id);
  }

  /** Drops expired sessions from the shared configuration. */
  async sweepSessions(now = Date.now()): Promise<void> {
    for (const { id, value } of this.sessions.list())
      if (value.expiresAt <= now) await this.sessions.remove(id);
  }
}

/** A refusal with its HTTP status, reported to the client as is. */
export class AccountError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

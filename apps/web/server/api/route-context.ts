import { Sites } from '@sightline/config-store';
import type { ConfigStore } from '@sightline/ports';
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../auth/accounts.js';
import { roleGuards } from '../auth/guard.js';

/** What every group of API routes is registered with. */
export interface RouteContext {
  app: FastifyInstance;
  accounts: Accounts;
  /** The shared configuration. */
  store: ConfigStore;
  sites: Sites;
  /** Route options of the owners' routes, and of every signed-in user's. */
  owner: ReturnType<typeof roleGuards>['owner'];
  viewer: ReturnType<typeof roleGuards>['viewer'];
}

export function routeContext(
  app: FastifyInstance,
  accounts: Accounts,
  store: ConfigStore,
): RouteContext {
  return { app, accounts, store, sites: new Sites(store), ...roleGuards(accounts) };
}

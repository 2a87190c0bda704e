export {
  distributedStores,
  elasticsearchStores,
  type DistributedStores,
  type ElasticsearchStores,
  type StoreChoice,
} from './distributed-stores.js';
export { openDistributed } from './open-distributed.js';
export type { Parts, PartsWithStores } from './parts.js';
export { runMain } from './run-main.js';
export { runDistributedApp, type DistributedApp } from './run-distributed-app.js';

export { startProcessor, type Processor, type ProcessorDeps } from './processor.js';
export { distributedStores } from './distributed-stores.js';
export type { ResultStores } from './ports.js';

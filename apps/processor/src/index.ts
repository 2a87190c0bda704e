export { startProcessor, type Processor, type ProcessorDeps } from './processor.js';
export type { ResultStores } from './ports.js';

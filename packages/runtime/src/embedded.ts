export { openEmbedded } from './open-embedded.js';
export type { Parts, PartsWithStores } from './parts.js';
export { runMain } from './run-main.js';

export { openEmbedded } from './open-embedded.js';
export type { Parts, PartsWithStores } from './parts.js';

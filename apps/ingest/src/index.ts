export { startIngest, type Ingest, type IngestDeps } from './app.js';
export { resolveSecret } from './secret.js';

export { startIngest, type Ingest, type IngestDeps } from './app.js';
export { ingestSettings } from './ingest-settings.js';

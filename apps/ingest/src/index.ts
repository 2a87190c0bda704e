export { startIngest, type Ingest, type IngestDeps } from './app.js';
export { resolveSecret } from './secret.js';
// Enrichment on its own: benchmarks build realistic stored events with the same code.
export { createEnricher, type Enricher, type RequestFacts } from './enrich/enrich-event.js';
export { createCountryLookup } from './enrich/geo.js';

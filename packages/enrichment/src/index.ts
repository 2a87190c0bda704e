export { anonymiseIp } from './anonymise-ip.js';
export { classifyChannel } from './channel.js';
export { correctTimestamp, MAX_EVENT_AGE_MS } from './clock-skew.js';
export { derivedIds } from './derived-ids.js';
export { createEnricher, type Enricher, type RequestFacts } from './enrich-event.js';
export { createCountryLookup } from './geo.js';
export { denySet, scrubEventUrls, scrubUrl } from './scrub-url.js';
export { userAgentFacts } from './user-agent.js';

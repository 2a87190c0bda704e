export { startAlerter, type Alerter, type AlerterDeps } from './alerter.js';
export type { AlertingStores } from './ports.js';

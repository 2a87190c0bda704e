export { createLogger, type LogFormat, type Logger } from './logger.js';
export {
  createMetrics,
  Counter,
  Gauge,
  Histogram,
  metricsIn,
  Registry,
  Summary,
} from './metrics.js';
export {
  closeOnSignal,
  closeWithGrace,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  retryUntilReady,
  SHUTDOWN_EXIT,
  type CloseSteps,
} from './process-lifecycle.js';
export { checkReadiness, type ReadinessCheck, type ReadinessReport } from './readiness.js';
export {
  opsRoutes,
  startOpsServer,
  type OpsOptions,
  type OpsResponse,
  type OpsServer,
} from './ops-server.js';
export { CLIENT_TIMEOUTS, limitClients } from './client-limits.js';

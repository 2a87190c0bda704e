export { alertPayload, alertsLink, type AlertPayload } from './alert-payload.js';
export { alertSummary } from './alert-summary.js';
export type { AttemptOutcome } from './attempt-outcome.js';
export { deliverAlert, type DeliverDeps } from './deliver-alert.js';
export { retryDelays, type RetryOptions } from './retry-schedule.js';
export { alertEmail, closeMailers, sendEmail } from './send-email.js';
export { sendWebhook } from './send-webhook.js';
export {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
} from './webhook-signature.js';
export { DEFAULT_POLICY, type WebhookPolicy } from './webhook-address/address-policy.js';
export {
  checkWebhookUrl,
  WebhookAddressError,
  type Resolve,
} from './webhook-address/check-webhook-url.js';

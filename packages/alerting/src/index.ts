export { describeCondition, formatNumber, METRIC_NAMES } from './alert-words.js';
export { alertEventOf } from './alert-events.js';
export { windowValue } from './bucket-value.js';
export { checkCondition, lookbackMs, type ConditionCheck } from './condition-check.js';
export {
  previewRule,
  type PreviewAlert,
  type PreviewPoint,
  type RulePreview,
} from './preview-rule.js';
export { RuleEvaluator, stateFromHistory } from './rule-evaluator.js';
export {
  initialRuleState,
  stepRule,
  type RulePhase,
  type RuleState,
  type RuleTransition,
} from './rule-state.js';
export { SiteSeries } from './site-series.js';
export { bucketStart, MINUTE_MS, settledStep, STEP_MS, WEEK_MS } from './steps.js';
export { windowTotal, type BucketValues } from './window-total.js';

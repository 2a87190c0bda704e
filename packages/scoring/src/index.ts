export { matchesEvidence, type DerivedSignals } from './evidence-match.js';
export { inHoldout } from './holdout.js';
export { clippedLogLr, decayFactor, logit, MAX_LOG_LR, sigmoid } from './log-odds.js';
export { ProfileState, type Contribution } from './profile-state.js';
export { replaySession, type ReplayPoint } from './replay-session.js';
export { VisitorScorer, type ScoredHit } from './visitor-scorer.js';
export { normalisePath, normalisePattern, type PathOptions } from './pages/normalise-path.js';

/** Each occurrence of evidence moves the log-odds by at most this much (a ratio of about 55). */
export const MAX_LOG_LR = 4;

export const logit = (p: number): number => Math.log(p / (1 - p));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** ln(lr), clipped to ±MAX_LOG_LR: naive Bayes is overconfident, one signal must not decide. */
export const clippedLogLr = (lr: number): number =>
  Math.max(-MAX_LOG_LR, Math.min(MAX_LOG_LR, Math.log(lr)));
/** The factor evidence keeps after `elapsedMs` of event time with the given half-life. */
export const decayFactor = (elapsedMs: number, halfLifeMs: number): number =>
  elapsedMs <= 0 ? 1 : 2 ** (-elapsedMs / halfLifeMs);

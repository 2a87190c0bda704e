export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** Wait before the first retry, growing by `factor` up to `maxMs` (defaults 1 s, ×4, 60 s). */
  baseMs?: number;
  factor?: number;
  maxMs?: number;
  /** Each wait is moved by up to this share either way, so receivers are not hit in step. */
  jitter?: number;
}

/** The waits between attempts: 1 s, 4 s, 16 s, 60 s by default, ±20%. */
export function retryDelays(
  options: RetryOptions = {},
  random: () => number = Math.random,
): number[] {
  const attempts = options.attempts ?? 5;
  const base = options.baseMs ?? 1_000;
  const factor = options.factor ?? 4;
  const max = options.maxMs ?? 60_000;
  const jitter = options.jitter ?? 0.2;
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => {
    const delay = Math.min(base * factor ** i, max);
    return Math.round(delay * (1 + jitter * (2 * random() - 1)));
  });
}

/** What one attempt to reach a channel came to. */
export interface AttemptOutcome {
  ok: boolean;
  /** A webhook's HTTP status, or the SMTP server's reply code. */
  status?: number;
  error?: string;
}

/** Error texts kept in the delivery log are bounded. */
export const boundedError = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1_000);

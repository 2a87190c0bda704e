/** The bus cannot take messages now (brokers down or not answering): callers answer 503. */
export class BusUnavailableError extends Error {
  override readonly name = 'BusUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The local send queue is full: callers shed load (503 with Retry-After) instead of buffering. */
export class BusOverloadedError extends Error {
  override readonly name = 'BusOverloadedError';
}

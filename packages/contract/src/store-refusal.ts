/**
 * A store refused the data itself (a value it cannot hold), as opposed to a passing failure
 * (unreachable, timeout, overloaded): sending the same data again will fail again. The processor
 * sets such records aside as dead letters after bounded retries; passing failures it retries
 * without end.
 */
export class StoreRefusedError extends Error {
  override readonly name = 'StoreRefusedError';
  readonly refused = true;
}

/** Whether `error` says the data was refused (adapters mark their own errors with `refused`). */
export function isStoreRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { refused?: unknown }).refused === true
  );
}

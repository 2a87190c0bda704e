/**
 * Resolves once `condition` holds (polled every `everyMs`), or rejects after `timeoutMs` with
 * `what` in the message, so a test that waits on something that never happens fails clearly.
 * A condition that throws is not met yet (a server still starting, an index still being
 * allocated); the last error is part of the timeout message.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  {
    timeoutMs = 30_000,
    everyMs = 20,
    what = 'condition',
  }: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} not met within ${timeoutMs} ms${lastError === undefined ? '' : ` (last error: ${describe(lastError)})`}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const describe = (error: unknown) =>
  error instanceof Error ? error.message : JSON.stringify(error);

/**
 * Resolves once `condition` holds (polled every `everyMs`), or rejects after `timeoutMs` with
 * `what` in the message, so a test that waits on something that never happens fails clearly.
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
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

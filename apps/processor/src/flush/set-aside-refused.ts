import { isStoreRefusal, type DeadLetter } from '@sightline/contract';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes `records`; when the store refuses them as invalid (not an outage), finds the refused
 * ones by halving the batch, writes the rest, and returns a dead letter for each record refused
 * twice on its own. Any other failure is thrown, for the caller to retry without end: an outage
 * never sets anything aside.
 */
export async function setAsideRefused<T>(
  records: T[],
  write: (records: T[]) => Promise<void>,
  letterOf: (record: T, reason: string) => DeadLetter,
): Promise<DeadLetter[]> {
  if (records.length === 0) return [];
  try {
    await write(records);
    return [];
  } catch (error) {
    if (!isStoreRefusal(error)) throw error;
    if (records.length > 1) {
      const middle = Math.ceil(records.length / 2);
      const first = await setAsideRefused(records.slice(0, middle), write, letterOf);
      const second = await setAsideRefused(records.slice(middle), write, letterOf);
      return [...first, ...second];
    }
  }
  // One record, refused once: a second try tells a refusal of the record from a passing one.
  try {
    await write(records);
    return [];
  } catch (error) {
    if (!isStoreRefusal(error)) throw error;
    return [letterOf(records[0]!, messageOf(error))];
  }
}

/** Flat, bounded properties, as the contract accepts them: an event is never refused for them. */
export const properties = (input: unknown): Record<string, unknown> | undefined =>
  input
    ? Object.fromEntries(
        Object.entries(input)
          .filter(([, value]) => typeof value !== 'object' || value === null)
          .slice(0, SL_LIMITS.properties)
          .map(([key, value]) => [
            key.slice(0, SL_LIMITS.propertyKeyLength),
            typeof value === 'string' ? value.slice(0, SL_LIMITS.propertyValueLength) : value,
          ]),
      )
    : undefined;
